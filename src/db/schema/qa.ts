/** Scorecard versions and AutoQA results. */
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { PHASES } from '../../domain/enums';
import type { Scorecard } from '../../qa/scorecard';
import type { AutoQaResult } from '../../qa/types';
import { createdAt } from './columns';
import { conversations } from './conversations';
import { stores } from './stores';

/** A scorecard version. Editing creates the next version; reviews keep the one they were scored with. */
export const scorecards = sqliteTable(
  'scorecards',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    phase: text('phase', { enum: PHASES }).notNull(),
    version: integer('version').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(false),
    /** The scorecard definition (src/qa scorecard schema): categories, weights, items. */
    definition: text('definition', { mode: 'json' }).notNull().$type<Scorecard>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('scorecards_version').on(t.storeId, t.phase, t.version), index('scorecards_store_active').on(t.storeId, t.phase, t.active)],
);

/** What `autoqa_results.result` holds: the whole result with the scorecard version it was scored on. */
export type StoredAutoQa = AutoQaResult & { scorecardVersion?: number };

/** The AutoQA result of an ended conversation; re-scoring replaces it. */
export const autoQaResults = sqliteTable(
  'autoqa_results',
  {
    conversationId: text('conversation_id').primaryKey().references(() => conversations.id),
    storeId: text('store_id').notNull().references(() => stores.id),
    scorecardId: text('scorecard_id').notNull().references(() => scorecards.id),
    phase: text('phase', { enum: PHASES }).notNull(),
    score: integer('score').notNull(),
    /** 0–100, one decimal: fine enough to rank a day's chats without ties. */
    risk: real('risk').notNull(),
    critical: integer('critical', { mode: 'boolean' }).notNull(),
    escalation: integer('escalation', { mode: 'boolean' }).notNull(),
    /** Sampling reasons from keyword hits, e.g. `keyword:不知道`, JSON array. */
    keywordHits: text('keyword_hits', { mode: 'json' }).notNull().$type<string[]>(),
    /** The whole AutoQA result with its evidence (hits, risk factors). */
    result: text('result', { mode: 'json' }).notNull().$type<StoredAutoQa>(),
    scoredAt: integer('scored_at').notNull(),
  },
  (t) => [index('autoqa_store').on(t.storeId)],
);

