/**
 * Conversations and their messages. Sized for the largest stores (docs/scaling.md): a conversation
 * row carries its AutoQA summary and stays for the store's retention; its transcript with the full
 * AutoQA result is written to R2 when it is scored, and its messages stay in D1 only for the hot window.
 */
import { sql } from 'drizzle-orm';
import { customType, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CONVERSATION_STATUSES, PHASES, PLATFORMS, SENDER_ROLES } from '../../domain/enums';
import { decodeRuleMask, encodeRuleMask } from '../../qa/rule-mask';
import type { RuleId } from '../../qa/types';
import { agents, connections, stores } from './stores';

/** A number with one decimal stored as an integer of tenths: 2 bytes where a REAL takes 8. */
const tenths = customType<{ data: number; driverData: number }>({
  dataType: () => 'integer',
  toDriver: (value) => Math.round(value * 10),
  fromDriver: (value) => Number(value) / 10,
});

/** A list stored as JSON, and as NULL when empty (most are): no bytes for nothing. */
const jsonList = customType<{ data: string[]; driverData: string | null }>({
  dataType: () => 'text',
  toDriver: (value) => (value.length ? JSON.stringify(value) : null),
  fromDriver: (value) => (value ? (JSON.parse(value) as string[]) : []),
});

/** A set of AutoQA rules stored as a bitmask by position in RULE_IDS (src/qa/rule-mask.ts), NULL when empty. */
const ruleMask = customType<{ data: RuleId[]; driverData: number | null }>({
  dataType: () => 'integer',
  toDriver: (value) => encodeRuleMask(value) || null,
  fromDriver: (value) => (value ? decodeRuleMask(Number(value)) : []),
});

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
    /** customerKey(customerExternalId) (src/lib/customer-key.ts), null with it: what erasure looks the customer up by. */
    customerKey: integer('customer_key'),
    customerName: text('customer_name'),
    channel: text('channel'),
    /** The platform's phase tag, if it sent one. */
    phaseTag: text('phase_tag', { enum: PHASES }),
    locale: text('locale'),
    status: text('status', { enum: CONVERSATION_STATUSES }).notNull().default('open'),
    /** The earliest time any of its events carries (a close or rating may come before the first message). */
    openedAt: integer('opened_at'),
    lastMessageAt: integer('last_message_at'),
    closedAt: integer('closed_at'),
    closeReason: text('close_reason'),
    /** The latest reopening the platform announced; the conversation is closed when its last close is not older. */
    reopenedAt: integer('reopened_at'),
    /** Customer rating normalised to 1–5. */
    rating: integer('rating'),
    ratingLabel: text('rating_label'),
    ratingComment: text('rating_comment'),
    /** When the score (or its unreadable label) was given; the comment has its own time, as some platforms send it apart. */
    ratedAt: integer('rated_at'),
    ratingCommentAt: integer('rating_comment_at'),
    /** Customer-facing agent messages with no agent to attribute them to (no sender id, no mapped agent). */
    unattributedMessages: integer('unattributed_messages').notNull().default(0),
    // The AutoQA summary: what lists, samples and reports query. The whole result, with its
    // evidence, is in the conversation's transcript object in R2.
    qaScore: integer('qa_score'),
    /** 0–100, one decimal: fine enough to rank a day's chats without ties. */
    qaRisk: tenths('qa_risk'),
    qaCritical: integer('qa_critical', { mode: 'boolean' }),
    qaEscalation: integer('qa_escalation', { mode: 'boolean' }),
    qaPhase: text('qa_phase', { enum: PHASES }),
    /** The version of the phase's scorecard it was scored with (scorecards_version finds the row). */
    qaScorecardVersion: integer('qa_scorecard_version'),
    /** Rule ids that failed, e.g. ["greeting","diversion"], stored as a bitmask. */
    qaRules: ruleMask('qa_rule_mask'),
    /** Sampling reasons from keyword hits, e.g. `keyword:不知道`. */
    qaKeywordHits: jsonList('qa_keyword_hits'),
    /** When the transcript (messages and the whole AutoQA result) was last written to R2; null: never. */
    archivedAt: integer('archived_at'),
    /**
     * Where its messages are: 0 none yet, 1 all in D1 (the hot window), 2 some in D1 and the rest only
     * in the archive (a message came after the window ended), 3 all in the archive.
     */
    hot: integer('hot').notNull().default(0),
  },
  (t) => [
    index('conversations_store_opened').on(t.storeId, t.openedAt),
    // An agent belongs to one store, so the agent id alone scopes this index.
    index('conversations_agent_opened').on(t.agentId, t.openedAt),
    // Partial indexes: an ended, archived conversation has no entry in either.
    index('conversations_open_idle').on(t.lastMessageAt).where(sql`status = 'open'`),
    index('conversations_archive_due').on(t.storeId, t.closedAt).where(sql`status = 'closed' and hot in (1, 2)`),
    // Erasure finds a customer's conversations by a 32-bit hash of the platform's customer id; the id
    // and the store are checked on the row (a small integer key keeps the entry small, docs/scaling.md).
    index('conversations_customer').on(t.customerKey).where(sql`customer_key is not null`),
  ],
);

/**
 * Messages of conversations in the hot window (and of open ones). The API's message id is derived
 * from (connection, platform message id) when read; the agent from the connection's agent mapping.
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
    /**
     * Which version of the text is stored: the platform's edit or update time of it (epoch ms). A later
     * version replaces the text, whatever order deliveries arrive in; 0 when the platform gives none.
     */
    version: integer('version').notNull().default(0),
    /** When the platform announced the latest edit (see message_edits), null if never edited. */
    editedAt: integer('edited_at'),
    /** The role came from the platform's participant list (platform_users), which may arrive later and correct it. */
    roleFromRegistry: integer('role_from_registry', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('messages_key').on(t.conversationId, t.externalId),
    // The participant registry corrects the roles of messages that took theirs from it (LiveChat only):
    // a partial index, so other platforms' messages pay nothing for it.
    index('messages_registry').on(t.senderExternalId).where(sql`role_from_registry = 1`),
  ],
);
