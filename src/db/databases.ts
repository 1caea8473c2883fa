/**
 * The store databases of this deployment: every D1 binding named DB_<n> (wrangler.toml). A store's
 * data lives on exactly one of them (the directory says which); crons and jobs walk them all.
 */
import type { Env } from '../env';
import { getDb, type Db } from './client';

const STORE_DATABASE = /^DB_(\d+)$/;

export interface StoreDatabase {
  /** The binding name, as the directory records it. */
  name: string;
  d1: D1Database;
  db: Db;
}

/** Binding names of the store databases, in their numeric order. */
export function storeDatabaseNames(env: Env): string[] {
  return Object.keys(env)
    .filter((k) => STORE_DATABASE.test(k))
    .sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
}

/** One drizzle client per binding object (building one walks the whole schema). */
const clients = new WeakMap<D1Database, Db>();

export function openDatabase(env: Env, name: string): StoreDatabase {
  const d1 = STORE_DATABASE.test(name) ? (env[name as `DB_${number}`] as D1Database | undefined) : undefined;
  // A directory entry naming a database this deployment no longer binds is a configuration error.
  if (!d1) throw new Error(`The store database ${name} is not bound to this Worker (wrangler.toml)`);
  let db = clients.get(d1);
  if (!db) clients.set(d1, (db = getDb(d1)));
  return { name, d1, db };
}

/** Every store database, once each: what crons and jobs walk. */
export function allDatabases(env: Env): StoreDatabase[] {
  return storeDatabaseNames(env).map((name) => openDatabase(env, name));
}

/** The database's size in bytes as D1 reports it (every result carries it). */
export async function databaseSize(d1: D1Database): Promise<number> {
  const result = await d1.prepare('select 1').run();
  return Number(result.meta.size_after ?? 0);
}
