import { inArray, sql } from 'drizzle-orm';
import { allDatabases, type StoreDatabase } from '../db/databases';
import { countedDeliveries, sampleDays, stores } from '../db/schema';
import { LEDGER_DAYS, ledgerFloor } from '../ingest/ledger';
import { addDays, localDate, localHour } from '../lib/time';
import type { Env, QueueMessage } from '../env';
import { closeIdleConversations } from './idle';
import { retentionDue } from './retention';
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
 * archiving past the hot window for every store, and retention for the stores whose hour it is. Every
 * job is idempotent, so a message delivered twice, or a store caught by two hourly runs, changes nothing.
 */
async function hourlyFor({ db }: StoreDatabase, now: number): Promise<QueueMessage[]> {
  const all = await db.select({ id: stores.id, timezone: stores.timezone }).from(stores);
  const due: { storeId: string; date: string }[] = [];
  for (const s of all) {
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
    ...all.map((s) => ({ kind: 'archive' as const, storeId: s.id })),
    ...all.filter((s) => retentionDue(s.id, now)).map((s) => ({ kind: 'retention' as const, storeId: s.id })),
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
  return { daily: count('daily'), archive: count('archive'), retention: count('retention') };
}

export async function handleScheduled(controller: ScheduledController, env: Env) {
  const now = controller.scheduledTime;
  if (controller.cron === CRON_HOURLY) await runHourly(env, now);
  else await runFiveMinuteSweep(env, now);
}
