/**
 * Rollups the dashboard and the monthly report read instead of scanning reviews: per agent (and per
 * agent and scorecard item) for each day, ISO week and month, and calibration pairs per day. They are
 * derived data, rewritten from reviews and samples (src/services/rollups.ts), and hold no customer data.
 */
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { PERIOD_KINDS } from '../../domain/enums';
import { stores } from './stores';

export const agentPeriodStats = sqliteTable(
  'agent_period_stats',
  {
    storeId: text('store_id').notNull().references(() => stores.id),
    periodKind: text('period_kind', { enum: PERIOD_KINDS }).notNull(),
    /** `2026-11-21`, `2026-W47` or `2026-11`. */
    period: text('period').notNull(),
    agentId: text('agent_id').notNull(),
    /** Days the agent handled chats (and so was sampled), and of those the days sampled at quota. */
    activeDays: integer('active_days').notNull().default(0),
    atQuotaDays: integer('at_quota_days').notNull().default(0),
    quota: integer('quota').notNull().default(0),
    sampled: integer('sampled').notNull().default(0),
    /** Submitted primary reviews (calibration second reviews left out), their score sum and how many passed. */
    reviewed: integer('reviewed').notNull().default(0),
    scoreSum: real('score_sum').notNull().default(0),
    passed: integer('passed').notNull().default(0),
    /** Repeat errors (docs/coaching-api.md): items checked after feedback on them, and of those failed again. */
    repeatChecks: integer('repeat_checks').notNull().default(0),
    repeats: integer('repeats').notNull().default(0),
    /** Disputes of the period's reviews: opened, and of those accepted. */
    disputesOpened: integer('disputes_opened').notNull().default(0),
    disputesAccepted: integer('disputes_accepted').notNull().default(0),
  },
  (t) => [uniqueIndex('agent_period_stats_key').on(t.storeId, t.periodKind, t.period, t.agentId)],
);

export const itemPeriodStats = sqliteTable(
  'item_period_stats',
  {
    storeId: text('store_id').notNull().references(() => stores.id),
    periodKind: text('period_kind', { enum: PERIOD_KINDS }).notNull(),
    period: text('period').notNull(),
    agentId: text('agent_id').notNull(),
    itemId: text('item_id').notNull(),
    /** Reviews where the item applied (pass or fail), and where it failed. */
    applicable: integer('applicable').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    /** Reviews of the item after a card gave the agent feedback on it, and of those failed again. */
    checks: integer('checks').notNull().default(0),
    repeats: integer('repeats').notNull().default(0),
  },
  (t) => [
    uniqueIndex('item_period_stats_key').on(t.storeId, t.periodKind, t.period, t.agentId, t.itemId),
    // Coaching effectiveness reads one agent's item over the days around a card.
    index('item_period_stats_agent_item').on(t.storeId, t.periodKind, t.agentId, t.itemId, t.period),
  ],
);

/** Per day, reviewer and agent reviewed: blind calibration pairs and how far the two reviews agreed. */
export const calibrationDayStats = sqliteTable(
  'calibration_day_stats',
  {
    storeId: text('store_id').notNull().references(() => stores.id),
    date: text('date').notNull(),
    reviewerId: text('reviewer_id').notNull(),
    agentId: text('agent_id').notNull(),
    pairs: integer('pairs').notNull(),
    scoreDiffSum: real('score_diff_sum').notNull(),
    itemsSame: integer('items_same').notNull(),
    itemsTotal: integer('items_total').notNull(),
  },
  (t) => [uniqueIndex('calibration_day_stats_key').on(t.storeId, t.date, t.reviewerId, t.agentId)],
);
