import { getDb } from '../db/client';
import type { Env } from '../env';
import { requeueStuckEvents } from '../ingest/replay';
import { closeIdleConversations } from './idle';
import { enqueueScoring } from './scoring';

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

export async function runHourly(_env: Env, _now: number) {
  // Daily sampling and retention are added by their areas.
  return {};
}

export async function handleScheduled(controller: ScheduledController, env: Env) {
  const now = controller.scheduledTime;
  if (controller.cron === CRON_HOURLY) await runHourly(env, now);
  else await runFiveMinuteSweep(env, now);
}
