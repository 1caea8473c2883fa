/**
 * D1 bytes per conversation and per hot message, measured from the local database's size: a demo day
 * goes through the real webhook path into a store alone on its database; the database's used bytes
 * ((page_count − freelist_count) × page_size) are read while the day is hot, and again once the hourly
 * cron has archived it and the ledger of counted deliveries has expired.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { generateDemoDay } from '../../src/demo/generator';
import { addDays, localDate } from '../../src/lib/time';
import { pool, signStandardWebhook } from './standard-webhooks';

const DAY = 86_400_000;

/** The local SQLite file of the D1 database that holds this store (miniflare names files by a hash). */
export function databaseFileOf(persist: string, storeId: string): string {
  const dir = join(persist, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.sqlite'))) {
    const db = new DatabaseSync(join(dir, name), { readOnly: true });
    try {
      const found = db.prepare("select 1 from sqlite_master where name = 'stores'").get() && db.prepare('select 1 from stores where id = ?').get(storeId);
      if (found) return join(dir, name);
    } finally {
      db.close();
    }
  }
  throw new Error(`no local database holds store ${storeId}`);
}

/** Used bytes of the database, and by table or index (dbstat), read-only beside the running Worker. */
export function measure(file: string) {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const one = (q: string) => Number(Object.values(db.prepare(q).get() as Record<string, number>)[0]);
    const used = (one('pragma page_count') - one('pragma freelist_count')) * one('pragma page_size');
    const by = Object.fromEntries(
      (db.prepare('select name, sum(pgsize) as bytes from dbstat group by name').all() as { name: string; bytes: number }[]).map((r) => [
        r.name,
        Number(r.bytes),
      ]),
    );
    return { used, by };
  } finally {
    db.close();
  }
}

function query<T>(file: string, q: string, ...params: (string | number)[]): T {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare(q).get(...params) as T;
  } finally {
    db.close();
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const cron = (base: string, expression: string, at: number) =>
  fetch(`${base}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(expression)}&time=${at}`).then((r) => r.text());

export interface StorageTarget {
  base: string;
  persist: string;
  storeId: string;
  connectionId: string;
  secret: string;
}

export async function benchStorage(t: StorageTarget, opts: { agents: number }) {
  // A day that ended a week ago: its conversations are past the three-day hot window now.
  const date = addDays(localDate(Date.now(), 'Asia/Shanghai'), -7);
  const day = generateDemoDay({ seed: 'bench-storage', date, timezone: 'Asia/Shanghai', agents: opts.agents });
  const messages = day.deliveries.filter((d) => d.event.type === 'message.created').length;
  const file = databaseFileOf(t.persist, t.storeId);
  const empty = measure(file);

  const url = `${t.base}/webhooks/generic/${t.connectionId}`;
  await pool(day.deliveries, 16, async ({ id, event }) => {
    const body = JSON.stringify(event);
    const res = await fetch(url, { method: 'POST', headers: signStandardWebhook(t.secret, id, body), body });
    if (res.status !== 202) throw new Error(`webhook ${id}: ${res.status} ${await res.text()}`);
  });
  const settled = () =>
    query<{ n: number }>(file, 'select coalesce(sum(processed + ignored + dead), 0) as n from delivery_counts where store_id = ?', t.storeId).n >=
    day.deliveries.length;
  await until(settled, 'the deliveries');
  // Conversations the platform never closed end by the idle sweep; then every one is scored.
  await cron(t.base, '*/5 * * * *', Date.now());
  const pending = () =>
    query<{ n: number }>(file, "select count(*) as n from conversations where store_id = ? and (status = 'open' or qa_score is null)", t.storeId).n;
  await until(() => pending() === 0, 'scoring');
  const conversations = query<{ n: number }>(file, 'select count(*) as n from conversations where store_id = ?', t.storeId).n;
  const hot = measure(file);

  // The hourly cron archives past the hot window; a week later, the ledger of counted deliveries is gone too.
  await cron(t.base, '0 * * * *', Date.now());
  const unarchived = () => query<{ n: number }>(file, 'select count(*) as n from conversations where store_id = ? and hot in (1, 2)', t.storeId).n;
  await until(() => unarchived() === 0, 'the archive');
  await cron(t.base, '0 * * * *', Date.now() + 7 * DAY);
  await until(() => query<{ n: number }>(file, 'select count(*) as n from counted_deliveries').n === 0, 'the ledger to expire');
  const archived = measure(file);

  const grew = (a: typeof empty, b: typeof empty, name: string) => (b.by[name] ?? 0) - (a.by[name] ?? 0);
  const tables = [...new Set([...Object.keys(hot.by), ...Object.keys(archived.by)])].filter((n) => grew(empty, hot, n) || grew(empty, archived, n));
  return {
    work: `${conversations} conversations, ${messages} messages, ${day.deliveries.length} deliveries (seeded demo day, ${opts.agents} agents) through the webhook path into a store alone on its database`,
    conversations,
    messages,
    d1_bytes_per_conversation: (archived.used - empty.used) / conversations,
    d1_bytes_per_hot_message: (hot.used - archived.used) / messages,
    d1_bytes_hot_per_message_all_in: (hot.used - empty.used) / messages,
    breakdown: Object.fromEntries(tables.map((n) => [n, { hot: grew(empty, hot, n), archived: grew(empty, archived, n) }])),
  };
}
