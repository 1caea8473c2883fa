/**
 * The directory (the DIRECTORY database): where each store's data lives, and the lookups that must
 * work before the store is known — an API key's hash, a webhook's connection id. Every database
 * gets the same migrations; these tables are only used in the directory, and hold no foreign keys
 * to stores, whose rows live on the store's own database.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';

export const storeDirectory = sqliteTable(
  'store_directory',
  {
    storeId: text('store_id').primaryKey(),
    /** The binding name of the store's database: DB_1, DB_2 … (wrangler.toml). */
    database: text('database').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('store_directory_database').on(t.database)],
);

/** A webhook names only its connection: this says whose it is, so the receiver can find its database. */
export const connectionDirectory = sqliteTable('connection_directory', {
  connectionId: text('connection_id').primaryKey(),
  storeId: text('store_id').notNull(),
});

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    /** First characters of the key, shown in listings so a manager can tell keys apart. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the whole key, hex: the key itself is shown once and never stored. */
    hash: text('hash').notNull(),
    createdAt: createdAt(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash').on(t.hash), index('api_keys_store').on(t.storeId)],
);
