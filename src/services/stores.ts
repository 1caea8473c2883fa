import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { timeZoneName } from '../domain/dates';
import { apiKeys, stores } from '../db/schema';
import { newId, randomSecret, sha256Hex } from '../lib/ids';
import { defaultScorecardInserts } from './scorecards';
import { UI_LOCALES } from '../domain/enums';
import { notFound } from '../domain/errors';
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

/** An API key: shown once to the caller, stored only as its hash. */
export async function apiKeyRow(storeId: string, key = randomSecret('sk_live')) {
  return { key, row: { id: newId('key'), storeId, prefix: key.slice(0, 12), hash: await sha256Hex(key) } };
}

/** Creates a store, its first API key and its default scorecards in one batch: nothing half-made. */
export async function createStore(db: Db, input: CreateStoreInput, opts: { id?: string; apiKey?: string } = {}) {
  const id = opts.id ?? newId('st');
  const { key, row } = await apiKeyRow(id, opts.apiKey);
  const store = { id, ...input, settings: {}, embedSecret: randomSecret('es') };
  await db.batch([db.insert(stores).values(store), db.insert(apiKeys).values(row), ...defaultScorecardInserts(db, id)]);
  const created = await db.select().from(stores).where(eq(stores.id, id)).get();
  return { store: created!, apiKey: key };
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

/** Issues a new API key; with `revokeOthers`, every earlier key of the store stops working at once. */
export async function rotateApiKey(db: Db, storeId: string, revokeOthers: boolean, now: number) {
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
