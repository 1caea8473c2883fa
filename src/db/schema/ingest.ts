/**
 * What ingest learns beside conversations and messages (announced edits, the platform's participants),
 * and what the queue consumer did with the deliveries it received. The webhook writes nothing to D1;
 * the deliveries themselves are archived in R2 (src/archive/deliveries.ts).
 */
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

/** Per connection and UTC day of receipt: deliveries processed, ignored (nothing ShopQA uses) and dead. */
export const deliveryCounts = sqliteTable(
  'delivery_counts',
  {
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id),
    /** UTC day the deliveries were received, 'YYYY-MM-DD'. */
    day: text('day').notNull(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    processed: integer('processed').notNull().default(0),
    /** Deliveries whose events were all of types ShopQA does not use (counted, not an error). */
    ignored: integer('ignored').notNull().default(0),
    ignoredTypes: integer('ignored_types').notNull().default(0),
    dead: integer('dead').notNull().default(0),
    /** Tries that failed (each is tried again until MAX_TRIES, then dead): how an operator sees trouble early. */
    failedTries: integer('failed_tries').notNull().default(0),
    lastReceivedAt: integer('last_received_at'),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.day] }), index('delivery_counts_store').on(t.storeId, t.day)],
);

/**
 * Deliveries counted in the last few days: one the queue hands over twice (a retry after a write that
 * committed, a redelivery) is written again, harmlessly, but counted once. The key packs the UTC day of
 * receipt (high bits) and 48 bits of a hash of the delivery id: an integer primary key is the rowid
 * itself, so a delivery costs one small row and no index, and expiry deletes a key range.
 */
export const countedDeliveries = sqliteTable('counted_deliveries', {
  key: integer('key').primaryKey(),
});

/** Deliveries that ran out of tries: where their archived copy is, for an operator to replay. */
export const deadDeliveries = sqliteTable(
  'dead_deliveries',
  {
    /** ShopQA's id of the accepted delivery (dlv_…). */
    uid: text('uid').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id),
    receivedAt: integer('received_at').notNull(),
    /** The R2 object that holds the delivery. */
    archiveKey: text('archive_key').notNull(),
    lastError: text('last_error'),
    deadAt: integer('dead_at').notNull(),
  },
  (t) => [index('dead_deliveries_connection').on(t.connectionId, t.receivedAt)],
);

/**
 * Deliveries stored with odd but readable values (an unknown rating word, a timestamp in year 9999):
 * why they look odd, for the connection's stats. Only such deliveries get a row; kept like the counts.
 */
export const deliveryWarnings = sqliteTable(
  'delivery_warnings',
  {
    /** ShopQA's id of the accepted delivery (dlv_…): a redelivered copy writes its row once. */
    uid: text('uid').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id),
    receivedAt: integer('received_at').notNull(),
    warnings: text('warnings', { mode: 'json' }).notNull().$type<string[]>(),
  },
  (t) => [index('delivery_warnings_connection').on(t.connectionId, t.receivedAt)],
);
