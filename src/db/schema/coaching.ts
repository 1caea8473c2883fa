/** The coaching loop: daily cards, disputes, 1:1 coaching tasks, and the audit log of every score change. */
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CardContent } from '../../coaching/types';
import { AUDIT_ACTIONS, AUDIT_ACTOR_KINDS, AUDIT_ENTITIES, CARD_STATUSES, DISPUTE_STATUSES, TASK_REASONS, TASK_STATUSES } from '../../domain/enums';
import { createdAt } from './columns';
import { reviews } from './reviews';
import { agents, stores } from './stores';

/** One agent's coaching card for one store-local day, built from that day's submitted reviews. */
export const coachingCards = sqliteTable(
  'coaching_cards',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    agentId: text('agent_id').notNull().references(() => agents.id),
    date: text('date').notNull(),
    status: text('status', { enum: CARD_STATUSES }).notNull().default('generated'),
    content: text('content', { mode: 'json' }).notNull().$type<CardContent>(),
    /** Item ids the card asked the agent to improve: a later failure of one is a repeat error. */
    feedbackItems: text('feedback_items', { mode: 'json' }).notNull().$type<string[]>(),
    averageScore: real('average_score').notNull(),
    reviewCount: integer('review_count').notNull(),
    /** The newest submission the card includes: a later one makes an unacknowledged card be rebuilt. */
    lastSubmittedAt: integer('last_submitted_at').notNull(),
    /** A critical item failed in one of the day's reviews (the unstable flag reads past days from here). */
    critical: integer('critical', { mode: 'boolean' }).notNull().default(false),
    generatedAt: integer('generated_at').notNull(),
    acknowledgedAt: integer('acknowledged_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('coaching_cards_key').on(t.storeId, t.agentId, t.date), index('coaching_cards_date').on(t.storeId, t.date)],
);

/** An agent's dispute of one item of a submitted review: at most one per review item, ever. */
export const disputes = sqliteTable(
  'disputes',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    reviewId: text('review_id').notNull().references(() => reviews.id),
    itemId: text('item_id').notNull(),
    agentId: text('agent_id').notNull().references(() => agents.id),
    /** The review's sample date (the store-local day of the conversation). */
    date: text('date').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: DISPUTE_STATUSES }).notNull().default('open'),
    reply: text('reply'),
    scoreBefore: integer('score_before').notNull(),
    scoreAfter: integer('score_after'),
    openedAt: integer('opened_at').notNull(),
    resolvedAt: integer('resolved_at'),
    resolvedByRole: text('resolved_by_role'),
    resolvedBySub: text('resolved_by_sub'),
  },
  (t) => [uniqueIndex('disputes_item').on(t.reviewId, t.itemId), index('disputes_store_status').on(t.storeId, t.status, t.date), index('disputes_agent').on(t.storeId, t.agentId)],
);

/** A 1:1 coaching session the lead owes an unstable agent; done with a note. One per agent and trigger day. */
export const coachingTasks = sqliteTable(
  'coaching_tasks',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    agentId: text('agent_id').notNull().references(() => agents.id),
    reason: text('reason', { enum: TASK_REASONS }).notNull(),
    /** The store-local day whose reviews (or the manager's flag) triggered it. */
    date: text('date').notNull(),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('open'),
    note: text('note'),
    doneAt: integer('done_at'),
    doneByRole: text('done_by_role'),
    doneBySub: text('done_by_sub'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('coaching_tasks_day').on(t.storeId, t.agentId, t.date),
    // At most one open task per agent: a second trigger while one is open adds nothing.
    uniqueIndex('coaching_tasks_open').on(t.storeId, t.agentId).where(sql`status = 'open'`),
    index('coaching_tasks_store').on(t.storeId, t.status),
  ],
);

/** Who changed what, when, from what to what, and why: every score change and coaching decision. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    at: integer('at').notNull(),
    actorKind: text('actor_kind', { enum: AUDIT_ACTOR_KINDS }).notNull(),
    actorRole: text('actor_role'),
    actorSub: text('actor_sub'),
    entityType: text('entity_type', { enum: AUDIT_ENTITIES }).notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    before: text('before', { mode: 'json' }).$type<unknown>(),
    after: text('after', { mode: 'json' }).$type<unknown>(),
    reason: text('reason'),
  },
  (t) => [index('audit_log_store_at').on(t.storeId, t.at), index('audit_log_entity').on(t.storeId, t.entityType, t.entityId)],
);
