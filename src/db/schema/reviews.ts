/** Reviewers, the daily sample and its coverage, and reviews. */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { REVIEW_STATUSES } from '../../domain/enums';
import type { ItemOutcome } from '../../domain/enums';
import type { DayCoverage, SamplingPolicy } from '../../sampling/types';
import { createdAt } from './columns';

/** One scorecard item of a submitted review. */
export interface ReviewItem {
  itemId: string;
  outcome: ItemOutcome;
  points?: number;
  comment?: string;
  /** The message the finding is about (the agent's card quotes it). */
  messageId?: string;
}
import { conversations } from './conversations';
import { scorecards } from './qa';
import { agents, stores } from './stores';

/** QA reviewers of a store. A reviewer who also answers chats names their agent record. */
export const reviewers = sqliteTable(
  'reviewers',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    name: text('name').notNull(),
    agentId: text('agent_id').references(() => agents.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('reviewers_store').on(t.storeId)],
);

/** One run of the daily job per store and local day: its coverage record. Re-running returns this. */
export const sampleDays = sqliteTable(
  'sample_days',
  {
    storeId: text('store_id').notNull().references(() => stores.id),
    date: text('date').notNull(),
    /** The coverage record (agents active, at quota, shortfalls with reasons). */
    coverage: text('coverage', { mode: 'json' }).notNull().$type<DayCoverage>(),
    /** The policy the day was sampled with. */
    policy: text('policy', { mode: 'json' }).notNull().$type<SamplingPolicy>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sample_days_key').on(t.storeId, t.date)],
);

export const sampleSelections = sqliteTable(
  'sample_selections',
  {
    storeId: text('store_id').notNull().references(() => stores.id),
    date: text('date').notNull(),
    agentId: text('agent_id').notNull(),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    reason: text('reason').notNull(),
    mustReview: integer('must_review', { mode: 'boolean' }).notNull(),
    quota: integer('quota').notNull(),
  },
  (t) => [uniqueIndex('sample_selections_key').on(t.storeId, t.date, t.conversationId), index('sample_selections_agent').on(t.storeId, t.date, t.agentId)],
);

export const reviews = sqliteTable(
  'reviews',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    agentId: text('agent_id').notNull(),
    reviewerId: text('reviewer_id').notNull().references(() => reviewers.id),
    sampleDate: text('sample_date').notNull(),
    /** Calibration: a second, independent review of a conversation another reviewer also has. */
    blind: integer('blind', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: REVIEW_STATUSES }).notNull().default('pending'),
    /** The scorecard version the review is scored with: fixed at submission. */
    scorecardId: text('scorecard_id').references(() => scorecards.id),
    items: text('items', { mode: 'json' }).$type<ReviewItem[]>(),
    score: integer('score'),
    comment: text('comment'),
    goodExample: integer('good_example', { mode: 'boolean' }).notNull().default(false),
    submittedAt: integer('submitted_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('reviews_key').on(t.storeId, t.conversationId, t.reviewerId),
    index('reviews_reviewer').on(t.storeId, t.reviewerId, t.status),
    index('reviews_date').on(t.storeId, t.sampleDate),
  ],
);
