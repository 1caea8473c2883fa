/** Scorecard versions (AutoQA results: a summary on the conversation row, the whole result in R2). */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { PHASES } from '../../domain/enums';
import type { Scorecard } from '../../qa/scorecard';
import { createdAt } from './columns';
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
