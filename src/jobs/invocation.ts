/**
 * One queue invocation's view of the databases: each store's database, its queries counted together
 * against D1's limit of 1,000 per invocation (whichever databases they go to).
 */
import { getDb, type Db } from '../db/client';
import { countingD1, type Tally } from '../db/counting';
import { databaseOfStore } from '../db/directory';
import type { Env } from '../env';

/** D1 allows 1,000 queries per invocation; work that would not fit goes back on the queue. */
export const QUERY_LIMIT = 1000;

export interface Invocation {
  env: Env;
  now: number;
  /** The store's database (counted), or null for a store the directory does not know. */
  storeDb: (storeId: string) => Promise<{ name: string; db: Db } | null>;
  used: () => number;
  hasRoom: (needed: number) => boolean;
}

export function startInvocation(env: Env, now: number): Invocation {
  const tally: Tally = { n: 0 };
  const opened = new Map<string, Db>();
  return {
    env,
    now,
    storeDb: async (storeId) => {
      const database = await databaseOfStore(env, storeId);
      if (!database) return null;
      let db = opened.get(database.name);
      if (!db) opened.set(database.name, (db = getDb(countingD1(database.d1, tally).db)));
      return { name: database.name, db };
    },
    used: () => tally.n,
    hasRoom: (needed) => tally.n + needed <= QUERY_LIMIT,
  };
}

/** Groups items by the database of their store; items of unknown stores come back apart. */
export async function byDatabase<T extends { storeId: string }>(inv: Invocation, items: T[]) {
  const groups = new Map<string, { db: Db; items: T[] }>();
  const unknown: T[] = [];
  for (const item of items) {
    const database = await inv.storeDb(item.storeId);
    if (!database) {
      unknown.push(item);
      continue;
    }
    const group = groups.get(database.name) ?? { db: database.db, items: [] };
    group.items.push(item);
    groups.set(database.name, group);
  }
  return { groups: [...groups.values()], unknown };
}

/**
 * Seconds before a retry: 5 s, 10 s, 20 s … capped at five minutes. QUEUE_RETRY_BASE_SECONDS sets the
 * first step (the tests use 1, so retries and the dead-letter queue run for real in seconds).
 */
export function retryDelay(env: Env, attempts: number) {
  const base = Number(env.QUEUE_RETRY_BASE_SECONDS ?? 5);
  return Math.min(300, (Number.isFinite(base) && base >= 0 ? base : 5) * 2 ** Math.max(0, attempts - 1));
}
