import { inArray } from 'drizzle-orm';
import { getDb } from '../db/client';
import { countingD1 } from '../db/counting';
import { sampleDays, stores } from '../db/schema';
import { addDays, localDate, localHour } from '../lib/time';
import type { Env } from '../env';
import { requeueStuckEvents } from '../ingest/replay';
import { closeIdleConversations } from './idle';
import { enforceRetention } from './retention';
import { enqueueScoring } from './enqueue-scoring';
import { readSettings } from '../services/settings';

export const CRON_HOURLY = '0 * * * *';
export const CRON_FIVE_MINUTES = '*/5 * * * *';

/** A delivery stored but still queued after this long was never picked up: send it again. */
const STUCK_AFTER_MS = 10 * 60_000;

export async function runFiveMinuteSweep(env: Env, now: number) {
  const db = getDb(env.DB);
  const closed = await closeIdleConversations(db, now);
  const byStore = new Map<string, string[]>();
  for (const c of closed) byStore.set(c.storeId, [...(byStore.get(c.storeId) ?? []), c.id]);
  for (const [storeId, ids] of byStore) await enqueueScoring(env.INGEST_QUEUE, storeId, ids);
  const requeued = await requeueStuckEvents(db, env.INGEST_QUEUE, now - STUCK_AFTER_MS);
  return { closed: closed.length, requeued };
}

/**
 * Stores whose local day ended within the last hours (and not sampled yet) get their daily job, one
 * queue message per store so each runs in its own invocation with its own query budget. The job is
 * idempotent, so a message delivered twice, or a store caught by two hourly runs, changes nothing.
 * Stores at their card hour get a cards run for the last two local days (cards otherwise follow the
 * last review of each agent's day as it is submitted).
 */
export async function runHourly(env: Env, now: number) {
  const db = getDb(env.DB);
  const all = await db.select({ id: stores.id, timezone: stores.timezone, settings: stores.settings }).from(stores);
  const due: { storeId: string; date: string }[] = [];
  // At the store's card hour, the cards of the last two days for agents still waiting on some reviews.
  const cards: { storeId: string; date: string }[] = [];
  for (const s of all) {
    if (localHour(now, s.timezone) === readSettings(s.settings).coaching.cardHour) {
      const today = localDate(now, s.timezone);
      cards.push({ storeId: s.id, date: addDays(today, -1) }, { storeId: s.id, date: addDays(today, -2) });
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
  const pending = due.filter((d) => !done.has(`${d.storeId}|${d.date}`));
  for (let i = 0; i < pending.length; i += 100) {
    await env.INGEST_QUEUE.sendBatch(pending.slice(i, i + 100).map((d) => ({ body: { kind: 'daily' as const, storeId: d.storeId, date: d.date } })));
  }
  for (let i = 0; i < cards.length; i += 100) {
    await env.INGEST_QUEUE.sendBatch(cards.slice(i, i + 100).map((d) => ({ body: { kind: 'cards' as const, storeId: d.storeId, date: d.date } })));
  }
  return { enqueued: pending.length, cards: cards.length };
}

export async function handleScheduled(controller: ScheduledController, env: Env) {
  const now = controller.scheduledTime;
  if (controller.cron === CRON_HOURLY) {
    await runHourly(env, now);
    // Counted: one invocation may send D1 at most 1,000 queries; stores left over continue on the queue.
    const counter = countingD1(env.DB);
    await enforceRetention(getDb(counter.db), now, { queue: env.INGEST_QUEUE, room: () => counter.count() + 50 <= 900 });
  }
  else await runFiveMinuteSweep(env, now);
}
