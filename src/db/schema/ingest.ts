/**
 * What the queue consumer did with the deliveries it received. The webhook writes nothing to D1; the
 * deliveries themselves are archived in R2 (src/archive/deliveries.ts).
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { connections, stores } from './stores';

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
