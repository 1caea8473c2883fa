import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { openDatabase, storeDatabaseNames } from '../db/databases';
import { directoryDb, placeNewStore } from '../db/directory';
import { apiKeys, storeDirectory, stores } from '../db/schema';
import { timeZoneName } from '../domain/dates';
import type { Env } from '../env';
import { newId, randomSecret, sha256Hex } from '../lib/ids';
import { defaultScorecardInserts } from './scorecards';
import { UI_LOCALES } from '../domain/enums';
import { AppError, notFound } from '../domain/errors';
import { readSettings } from './settings';

export const createStoreInput = z.object({
  name: z.string().trim().min(1).max(200),
  timezone: timeZoneName,
  locale: z.enum(UI_LOCALES),
});
export type CreateStoreInput = z.infer<typeof createStoreInput>;

export type StoreRow = typeof stores.$inferSelect;

export function storeView(store: StoreRow) {
  return {
    id: store.id,
    name: store.name,
    timezone: store.timezone,
    locale: store.locale,
    settings: readSettings(store.settings),
    createdAt: new Date(store.createdAt).toISOString(),
  };
}

/** What an operator may add when creating a store: the database to place it on (else the least full). */
export const createStoreOperatorInput = createStoreInput.extend({ database: z.string().min(1).max(40).optional() });

/** An API key: shown once to the caller, stored only as its hash. */
export async function apiKeyRow(storeId: string, key = randomSecret('sk_live')) {
  return { key, row: { id: newId('key'), storeId, prefix: key.slice(0, 12), hash: await sha256Hex(key) } };
}

/**
 * Creates a store on a store database (the least full unless one is named) with its default scorecards
 * in one batch, then enters it and its first API key in the directory in one batch. The directory
 * entry comes last: until it exists nothing can reach the store, so a failure leaves nothing usable
 * half-made (at worst an unreachable row on the store database).
 */
export async function createStore(env: Env, input: CreateStoreInput, opts: { id?: string; apiKey?: string; database?: string } = {}) {
  if (opts.database && !storeDatabaseNames(env).includes(opts.database)) {
    throw new AppError('invalid_request', `No store database ${opts.database}; this deployment has ${storeDatabaseNames(env).join(', ')}`, 'database');
  }
  const database = openDatabase(env, opts.database ?? (await placeNewStore(env)));
  const { db } = database;
  const id = opts.id ?? newId('st');
  const { key, row } = await apiKeyRow(id, opts.apiKey);
  const store = { id, ...input, settings: {}, embedSecret: randomSecret('es') };
  await db.batch([db.insert(stores).values(store), ...defaultScorecardInserts(db, id)]);
  const directory = directoryDb(env);
  await directory.batch([directory.insert(storeDirectory).values({ storeId: id, database: database.name }), directory.insert(apiKeys).values(row)]);
  const created = await db.select().from(stores).where(eq(stores.id, id)).get();
  return { store: created!, apiKey: key, database: database.name };
}

export async function getStore(db: Db, storeId: string) {
  return db.select().from(stores).where(eq(stores.id, storeId)).get();
}

/** The store, or 404: the one check that a store exists. */
export async function requireStore(db: Db, storeId: string) {
  const store = await getStore(db, storeId);
  if (!store) throw notFound('Store');
  return store;
}

/** The store's time zone, or 404: what dates and times shown to its people are in. */
export async function storeTimezone(db: Db, storeId: string) {
  return (await requireStore(db, storeId)).timezone;
}

/** Issues a new API key (in the directory); with `revokeOthers`, every earlier key of the store stops working at once. */
export async function rotateApiKey(env: Env, storeId: string, revokeOthers: boolean, now: number) {
  const db = directoryDb(env);
  const { key, row } = await apiKeyRow(storeId);
  const revoke = db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.storeId, storeId), isNull(apiKeys.revokedAt)));
  await (revokeOthers ? db.batch([revoke, db.insert(apiKeys).values(row)]) : db.insert(apiKeys).values(row));
  return key;
}

export async function rotateEmbedSecret(db: Db, storeId: string) {
  const embedSecret = randomSecret('es');
  await db.update(stores).set({ embedSecret }).where(eq(stores.id, storeId));
  return embedSecret;
}
