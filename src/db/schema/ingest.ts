/** What ingest learns beside conversations and messages: announced edits, and the platform's participants. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { SENDER_ROLES } from '../../domain/enums';
import { connections, stores } from './stores';

/**
 * Every edit a platform announced for a message (Chatwoot message_updated, Crisp message:updated, LiveChat
 * event_updated…), keyed by the edit time so a redelivered edit is stored once. Kept even when the edit
 * arrives before the message itself: the message takes the latest edit's text whenever it is written.
 */
export const messageEdits = sqliteTable(
  'message_edits',
  {
    storeId: text('store_id').notNull().references(() => stores.id),
    connectionId: text('connection_id').notNull().references(() => connections.id),
    /** The message's ShopQA id (derived from the connection and the platform's message id). */
    messageId: text('message_id').notNull(),
    editedAt: integer('edited_at').notNull(),
    /** The edited text, masked like message text. */
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.editedAt] }), index('message_edits_store').on(t.storeId)],
);

/**
 * A platform's own statement of who a participant is (LiveChat's chat users and bot agents): messages
 * that name only an author id take their role from here, and are corrected when it arrives later.
 */
export const platformUsers = sqliteTable(
  'platform_users',
  {
    storeId: text('store_id').notNull().references(() => stores.id),
    connectionId: text('connection_id').notNull().references(() => connections.id),
    externalId: text('external_id').notNull(),
    role: text('role', { enum: SENDER_ROLES }).notNull(),
    name: text('name'),
    updatedAt: integer('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.externalId] }), index('platform_users_store').on(t.storeId)],
);
