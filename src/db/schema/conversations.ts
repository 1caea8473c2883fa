/** Conversations, their messages and the raw deliveries they were built from. */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CONVERSATION_STATUSES, PHASES, PLATFORMS, RAW_EVENT_STATUSES, SENDER_ROLES } from '../../domain/enums';
import { createdAt } from './columns';
import { agents, connections, stores } from './stores';

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
    /** The latest reopening the platform announced; the conversation is closed when its last close is not older. */
    reopenedAt: integer('reopened_at'),
    /** Customer rating normalised to 1–5. */
    rating: integer('rating'),
    ratingLabel: text('rating_label'),
    ratingComment: text('rating_comment'),
    /** When the score (or its unreadable label) was given; the comment has its own time, as some platforms send it apart. */
    ratedAt: integer('rated_at'),
    ratingCommentAt: integer('rating_comment_at'),
    /** Customer-facing agent messages with no agent to attribute them to (no sender id, no assignee). */
    unattributedMessages: integer('unattributed_messages').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('conversations_external').on(t.connectionId, t.externalId),
    index('conversations_store_opened').on(t.storeId, t.openedAt),
    index('conversations_store_agent').on(t.storeId, t.agentId, t.openedAt),
    index('conversations_open_idle').on(t.status, t.lastMessageAt),
    // Erasure finds a customer's conversations by the platform's customer id.
    index('conversations_store_customer').on(t.storeId, t.customerExternalId),
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
    /**
     * Which version of the text is stored: the platform's edit or update time of it (epoch ms). A later
     * version replaces the text, whatever order deliveries arrive in; 0 when the platform gives none.
     */
    version: integer('version').notNull().default(0),
    /** When the platform announced the latest edit (see message_edits), null if never edited. */
    editedAt: integer('edited_at'),
    /** The role came from the platform's participant list (platform_users), which may arrive later and correct it. */
    roleFromRegistry: integer('role_from_registry', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('messages_external').on(t.connectionId, t.externalId),
    index('messages_conversation').on(t.conversationId, t.sentAt),
    index('messages_sender').on(t.connectionId, t.senderExternalId),
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
    /** Odd but readable values stored anyway (an unknown rating word, a timestamp in year 9999): why they look odd. */
    warnings: text('warnings', { mode: 'json' }).$type<string[]>(),
    receivedAt: integer('received_at').notNull(),
    processedAt: integer('processed_at'),
  },
  (t) => [
    uniqueIndex('raw_events_delivery').on(t.connectionId, t.deliveryId),
    index('raw_events_store_received').on(t.storeId, t.receivedAt),
    index('raw_events_connection_received').on(t.connectionId, t.receivedAt),
  ],
);

