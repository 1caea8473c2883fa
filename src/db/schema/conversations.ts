/**
 * Conversations and their messages. Sized for the largest stores (docs/scaling.md): a conversation
 * row carries its AutoQA summary and stays for the store's retention; messages stay only for the hot
 * window, after which the transcript (with the full AutoQA evidence) lives in R2.
 */
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CONVERSATION_STATUSES, PHASES, PLATFORMS, SENDER_ROLES } from '../../domain/enums';
import { createdAt } from './columns';
import { agents, connections, stores } from './stores';

export const conversations = sqliteTable(
  'conversations',
  {
    /** Derived from (connection, platform conversation id): the id alone makes redeliveries converge. */
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
    // The AutoQA summary: what lists, samples and reports query. The evidence is in autoqa_evidence
    // while the conversation is hot, then in its archived transcript.
    qaScore: integer('qa_score'),
    /** 0–100, one decimal: fine enough to rank a day's chats without ties. */
    qaRisk: real('qa_risk'),
    qaCritical: integer('qa_critical', { mode: 'boolean' }),
    qaEscalation: integer('qa_escalation', { mode: 'boolean' }),
    qaPhase: text('qa_phase', { enum: PHASES }),
    qaScorecardId: text('qa_scorecard_id'),
    /** Rule ids that failed, e.g. ["greeting","diversion"]. */
    qaRules: text('qa_rules', { mode: 'json' }).$type<string[]>(),
    /** Sampling reasons from keyword hits, e.g. `keyword:不知道`. */
    qaKeywordHits: text('qa_keyword_hits', { mode: 'json' }).$type<string[]>(),
    qaScoredAt: integer('qa_scored_at'),
    /**
     * When the transcript was archived to R2: null while it lives only in D1; negative (−time) once a
     * later event (a late message, a new rating and its re-score) left rows to fold into the archive.
     */
    archivedAt: integer('archived_at'),
  },
  (t) => [
    index('conversations_store_opened').on(t.storeId, t.openedAt),
    // An agent belongs to one store, so the agent id alone scopes this index.
    index('conversations_agent_opened').on(t.agentId, t.openedAt),
    // Partial indexes: an ended, archived conversation has no entry in either.
    index('conversations_open_idle').on(t.lastMessageAt).where(sql`status = 'open'`),
    index('conversations_archive_due')
      .on(t.storeId, t.closedAt)
      .where(sql`status = 'closed' and (archived_at is null or archived_at < 0)`),
  ],
);

/**
 * Messages of conversations in the hot window. The API's message id is derived from (connection,
 * platform message id) when read; the agent from the connection's agent mapping.
 */
export const messages = sqliteTable(
  'messages',
  {
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    externalId: text('external_id').notNull(),
    role: text('role', { enum: SENDER_ROLES }).notNull(),
    senderExternalId: text('sender_external_id'),
    senderName: text('sender_name'),
    /** Stored masked when the store's maskPii setting is on (the default). */
    text: text('text').notNull(),
    /** Null for plain text, the common case. */
    contentType: text('content_type'),
    /** Staff-only notes: kept, but never scored as customer-facing text. */
    internal: integer('internal', { mode: 'boolean' }).notNull().default(false),
    sentAt: integer('sent_at').notNull(),
  },
  (t) => [uniqueIndex('messages_key').on(t.conversationId, t.externalId)],
);
