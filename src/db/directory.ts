/**
 * The directory database: store → database, connection → store, API key hash → store. Placement
 * never changes, so it is cached per isolate; API keys are read every time, so a revocation counts at once.
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Env } from '../env';
import { getDb } from './client';
import { allDatabases, databaseSize, openDatabase, type StoreDatabase } from './databases';
import { apiKeys, connectionDirectory, storeDirectory } from './schema';

const CACHE_LIMIT = 50_000;
const storeCache = new Map<string, string>();
const connectionCache = new Map<string, string>();

function remember(cache: Map<string, string>, key: string, value: string) {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

const directoryClients = new WeakMap<D1Database, ReturnType<typeof getDb>>();

export function directoryDb(env: Env) {
  let db = directoryClients.get(env.DIRECTORY);
  if (!db) directoryClients.set(env.DIRECTORY, (db = getDb(env.DIRECTORY)));
  return db;
}

/** The store's database; null for a store the directory does not know. */
export async function databaseOfStore(env: Env, storeId: string): Promise<StoreDatabase | null> {
  let name = storeCache.get(storeId);
  if (!name) {
    const row = await directoryDb(env).select({ database: storeDirectory.database }).from(storeDirectory).where(eq(storeDirectory.storeId, storeId)).get();
    if (!row) return null;
    name = row.database;
    remember(storeCache, storeId, name);
  }
  return openDatabase(env, name);
}

/** The store a connection belongs to; null for an unknown connection (not cached: it may be created a moment later). */
export async function storeOfConnection(env: Env, connectionId: string): Promise<string | null> {
  const cached = connectionCache.get(connectionId);
  if (cached) return cached;
  const row = await directoryDb(env)
    .select({ storeId: connectionDirectory.storeId })
    .from(connectionDirectory)
    .where(eq(connectionDirectory.connectionId, connectionId))
    .get();
  if (!row) return null;
  remember(connectionCache, connectionId, row.storeId);
  return row.storeId;
}

/** The live (unrevoked) API key with this hash. */
export async function apiKeyByHash(env: Env, hash: string) {
  return directoryDb(env)
    .select({ id: apiKeys.id, storeId: apiKeys.storeId })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)))
    .get();
}

/**
 * Where a new store goes: the store database with the fewest bytes (D1's own size figure), ties to
 * the one with fewer stores. An operator may name one instead (a very large customer on its own).
 */
export async function placeNewStore(env: Env): Promise<string> {
  const databases = allDatabases(env);
  if (!databases.length) throw new Error('No store database is bound (wrangler.toml: DB_1 …)');
  const counts = await directoryDb(env).select({ database: storeDirectory.database, n: count() }).from(storeDirectory).groupBy(storeDirectory.database);
  const stores = new Map(counts.map((c) => [c.database, c.n]));
  const sized = await Promise.all(databases.map(async (d) => ({ name: d.name, size: await databaseSize(d.d1), stores: stores.get(d.name) ?? 0 })));
  sized.sort((a, b) => a.size - b.size || a.stores - b.stores);
  return sized[0]!.name;
}

export function registerConnection(env: Env, connectionId: string, storeId: string) {
  return directoryDb(env).insert(connectionDirectory).values({ connectionId, storeId }).onConflictDoNothing().run();
}
