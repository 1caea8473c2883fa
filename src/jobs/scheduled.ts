import { inArray, sql } from 'drizzle-orm';
import { getDb } from '../db/client';
import { countingD1, type Tally } from '../db/counting';
import { allDatabases, type StoreDatabase } from '../db/databases';
import { countedDeliveries, sampleDays, stores } from '../db/schema';
import { LEDGER_DAYS, ledgerFloor } from '../ingest/ledger';
import { addDays, localDate, localHour } from '../lib/time';
import type { Env, QueueMessage } from '../env';
import { readSettings } from '../services/settings';
import { closeIdleConversations } from './idle';
import { enforceRetention } from './retention';
import { enqueueScoring } from './enqueue-scoring';
import { sendAll } from './send';

export const CRON_HOURLY = '0 * * * *';
export const CRON_FIVE_MINUTES = '*/5 * * * *';

/** Every five minutes, on every store database: close conversations idle past their store's timeout. */
export async function runFiveMinuteSweep(env: Env, now: number) {
  let closed = 0;
  for (const { db } of allDatabases(env)) {
    const ended = await closeIdleConversations(db, now);
    closed += ended.length;
    const byStore = new Map<string, string[]>();
    for (const c of ended) byStore.set(c.storeId, [...(byStore.get(c.storeId) ?? []), c.id]);
    for (const [storeId, ids] of byStore) await enqueueScoring(env.INGEST_QUEUE, storeId, ids);
  }
  return { closed };
}

/**
 * One database's hourly work, queued so each store runs in its own invocation with its own query
 * budget: the daily job of stores whose local day ended within the last hours (and not sampled yet),
 * at the store's card hour the cards of the last two local days (cards otherwise follow the last review
 * of each agent's day as it is submitted), and archiving past the hot window for every store. Every job
 * is idempotent, so a message delivered twice, or a store caught by two hourly runs, changes nothing.
 */
async function hourlyFor({ db }: StoreDatabase, now: number): Promise<QueueMessage[]> {
  const all = await db.select({ id: stores.id, timezone: stores.timezone, settings: stores.settings }).from(stores);
  const due: { storeId: string; date: string }[] = [];
  const cards: QueueMessage[] = [];
  for (const s of all) {
    if (localHour(now, s.timezone) === readSettings(s.settings).coaching.cardHour) {
      const today = localDate(now, s.timezone);
      cards.push({ kind: 'cards', storeId: s.id, date: addDays(today, -1) }, { kind: 'cards', storeId: s.id, date: addDays(today, -2) });
    }
    // From 01:00 local, so the idle sweep has closed the day's last conversations first.
    if (localHour(now, s.timezone) < 1) continue;
    due.push({ storeId: s.id, date: addDays(localDate(now, s.timezone), -1) });
  }
  const done = new Set<string>();
  for (let i = 0; i < due.length; i += 50) {
    const chunk = due.slice(i, i + 50);
    const rows = await db
      .select({ storeId: sampleDays.storeId, date: sampleDays.date })
      .from(sampleDays)
      .where(inArray(sampleDays.storeId, chunk.map((d) => d.storeId)));
    for (const r of rows) done.add(`${r.storeId}|${r.date}`);
  }
  return [
    ...due.filter((d) => !done.has(`${d.storeId}|${d.date}`)).map((d) => ({ kind: 'daily' as const, storeId: d.storeId, date: d.date })),
    ...cards,
    ...all.map((s) => ({ kind: 'archive' as const, storeId: s.id })),
  ];
}

export async function runHourly(env: Env, now: number) {
  const messages: QueueMessage[] = [];
  for (const database of allDatabases(env)) {
    // The ledger of counted deliveries forgets what is older than any redelivery can be.
    await database.db.delete(countedDeliveries).where(sql`${countedDeliveries.key} < cast(${ledgerFloor(now - LEDGER_DAYS * 86_400_000)} as integer)`);
    messages.push(...(await hourlyFor(database, now)));
  }
  await sendAll(env.INGEST_QUEUE, messages.map((body) => ({ body })));
  const count = (kind: QueueMessage['kind']) => messages.filter((m) => m.kind === kind).length;
  return { daily: count('daily'), cards: count('cards'), archive: count('archive') };
}

/**
 * Retention of the stores whose hour it is, on every database, counted together: one invocation may
 * send D1 at most 1,000 queries; stores left over continue on the queue.
 */
export async function runRetention(env: Env, now: number) {
  const tally: Tally = { n: 0 };
  const continued: string[] = [];
  for (const { d1 } of allDatabases(env)) {
    const r = await enforceRetention(getDb(countingD1(d1, tally).db), env.ARCHIVE, now, { queue: env.INGEST_QUEUE, room: () => tally.n + 50 <= 900 });
    continued.push(...r.continued);
  }
  return { continued };
}

export async function handleScheduled(controller: ScheduledController, env: Env) {
  const now = controller.scheduledTime;
  if (controller.cron === CRON_HOURLY) {
    await runHourly(env, now);
    await runRetention(env, now);
  } else await runFiveMinuteSweep(env, now);
}
