import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { PLATFORMS, SENDER_ROLES, PHASES } from '../ingest/types';

/** All times are epoch milliseconds; dates (hire date, sample day) are 'YYYY-MM-DD'. */
const createdAt = () => integer('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const CONVERSATION_STATUSES = ['open', 'closed'] as const;
export const RAW_EVENT_STATUSES = ['queued', 'processed', 'ignored', 'dead'] as const;

export const stores = sqliteTable('stores', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  locale: text('locale').notNull(),
  /** JSON of StoreSettings (src/db/settings.ts); absent keys take the defaults. */
  settings: text('settings', { mode: 'json' }).notNull().$type<Record<string, unknown>>().default({}),
  /** HS256 key with which the store backend may sign widget tokens itself. */
  embedSecret: text('embed_secret').notNull(),
  createdAt: createdAt(),
});

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    /** First characters of the key, shown in listings so a manager can tell keys apart. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the whole key, hex: the key itself is shown once and never stored. */
    hash: text('hash').notNull(),
    createdAt: createdAt(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash').on(t.hash), index('api_keys_store').on(t.storeId)],
);

export const connections = sqliteTable(
  'connections',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    platform: text('platform', { enum: PLATFORMS }).notNull(),
    name: text('name').notNull(),
    /** Kept in clear: verifying an HMAC needs the key itself. */
    secret: text('secret').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('connections_store').on(t.storeId)],
);

export const agents = sqliteTable(
  'agents',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    name: text('name').notNull(),
    team: text('team'),
    phase: text('phase', { enum: PHASES }),
    hiredAt: text('hired_at'),
    excellent: integer('excellent', { mode: 'boolean' }).notNull().default(false),
    unstable: integer('unstable', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Set when ingest met an unknown platform agent id; a manager then completes the record. */
    createdFromIngest: integer('created_from_ingest', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: integer('updated_at'),
  },
  (t) => [index('agents_store').on(t.storeId)],
);

/** A platform's agent id, per connection, mapped to a ShopQA agent. */
export const agentExternalIds = sqliteTable(
  'agent_external_ids',
  {
    storeId: text('store_id').notNull().references(() => stores.id),
    connectionId: text('connection_id').notNull().references(() => connections.id),
    externalId: text('external_id').notNull(),
    agentId: text('agent_id').notNull().references(() => agents.id),
  },
  (t) => [uniqueIndex('agent_external_ids_key').on(t.connectionId, t.externalId), index('agent_external_ids_agent').on(t.agentId)],
);

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    connectionId: text('connection_id').notNull().references(() => connections.id),
    platform: text('platform', { enum: PLATFORMS }).notNull(),
    externalId: text('external_id').notNull(),
    /** The agent the conversation counts for: the first agent who replied. */
    agentId: text('agent_id').references(() => agents.id),
    customerExternalId: text('customer_external_id'),
    customerName: text('customer_name'),
    channel: text('channel'),
    /** The platform's phase tag, if it sent one. */
    phaseTag: text('phase_tag', { enum: PHASES }),
    locale: text('locale'),
    status: text('status', { enum: CONVERSATION_STATUSES }).notNull().default('open'),
    openedAt: integer('opened_at'),
    lastMessageAt: integer('last_message_at'),
    closedAt: integer('closed_at'),
    closeReason: text('close_reason'),
    /** Customer rating normalised to 1–5. */
    rating: integer('rating'),
    ratingLabel: text('rating_label'),
    ratingComment: text('rating_comment'),
    ratedAt: integer('rated_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('conversations_external').on(t.connectionId, t.externalId),
    index('conversations_store_opened').on(t.storeId, t.openedAt),
    index('conversations_store_agent').on(t.storeId, t.agentId, t.openedAt),
    index('conversations_open_idle').on(t.status, t.lastMessageAt),
  ],
);

export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    connectionId: text('connection_id').notNull().references(() => connections.id),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    externalId: text('external_id').notNull(),
    role: text('role', { enum: SENDER_ROLES }).notNull(),
    agentId: text('agent_id').references(() => agents.id),
    senderExternalId: text('sender_external_id'),
    senderName: text('sender_name'),
    /** Stored masked when the store's maskPii setting is on (the default). */
    text: text('text').notNull(),
    contentType: text('content_type').notNull().default('text'),
    /** Staff-only notes: kept, but never scored as customer-facing text. */
    internal: integer('internal', { mode: 'boolean' }).notNull().default(false),
    sentAt: integer('sent_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('messages_external').on(t.connectionId, t.externalId),
    index('messages_conversation').on(t.conversationId, t.sentAt),
  ],
);

/** Every accepted delivery, as received: the source of truth that replay re-processes. */
export const rawEvents = sqliteTable(
  'raw_events',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    connectionId: text('connection_id').notNull().references(() => connections.id),
    platform: text('platform', { enum: PLATFORMS }).notNull(),
    /** The platform's delivery id, or a hash of the body when it sends none. */
    deliveryId: text('delivery_id').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: RAW_EVENT_STATUSES }).notNull().default('queued'),
    /** Event types in this delivery that ShopQA does not use (counted, not an error). */
    ignoredTypes: integer('ignored_types').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    receivedAt: integer('received_at').notNull(),
    processedAt: integer('processed_at'),
  },
  (t) => [
    uniqueIndex('raw_events_delivery').on(t.connectionId, t.deliveryId),
    index('raw_events_store_received').on(t.storeId, t.receivedAt),
    index('raw_events_connection_received').on(t.connectionId, t.receivedAt),
  ],
);

// ——— Scorecards and AutoQA ———

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
    definition: text('definition', { mode: 'json' }).notNull().$type<unknown>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('scorecards_version').on(t.storeId, t.phase, t.version), index('scorecards_store_active').on(t.storeId, t.phase, t.active)],
);

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
    result: text('result', { mode: 'json' }).notNull().$type<unknown>(),
    scoredAt: integer('scored_at').notNull(),
  },
  (t) => [index('autoqa_store').on(t.storeId)],
);

// ——— Daily sample and reviews ———

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
    coverage: text('coverage', { mode: 'json' }).notNull().$type<unknown>(),
    /** The policy the day was sampled with. */
    policy: text('policy', { mode: 'json' }).notNull().$type<unknown>(),
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

export const REVIEW_STATUSES = ['pending', 'submitted'] as const;

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
    items: text('items', { mode: 'json' }).$type<unknown>(),
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
