import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { d1Statement } from '../db/statements';
import { stores } from '../db/schema';
import type { QueueMessage } from '../env';
import { hashSeed } from '../lib/random';
import { addDays, localDate } from '../lib/time';
import { readSettings } from '../services/settings';

const DAY = 86_400_000;
/** Raw webhook events are kept 30 days (SPEC §9): long enough to replay, no longer. */
export const RAW_EVENT_DAYS = 30;
/** Rows per delete round: conversations (each round one batch of seven statements, children first), raw events (one statement). */
export const ROUND_SIZES = { conversations: 500, rawEvents: 5000 };

/** Whether the invocation still has room for another round of statements (D1: 1,000 queries each). */
export type Room = () => boolean;

export interface RetentionResult {
  conversations: number;
  rawEvents: number;
  /** False when the store has more past retention than this invocation had room for. */
  done: boolean;
}

/** The conversations a round removes: the oldest past the cutoff, by the store's opened-at index. */
function oldest(storeId: string, cutoff: number, undated: boolean, limit: number) {
  return undated
    ? sql`select id from conversations where store_id = ${storeId} and opened_at is null and created_at < ${cutoff} limit ${limit}`
    : sql`select id from conversations where store_id = ${storeId} and opened_at < ${cutoff} order by opened_at limit ${limit}`;
}

async function conversationRound(db: Db, storeId: string, cutoff: number, undated: boolean, limit: number): Promise<number> {
  const ids = oldest(storeId, cutoff, undated, limit);
  // A conversation is sampled on the local day it opened; a day of margin covers every time zone.
  const lastDate = addDays(new Date(cutoff).toISOString().slice(0, 10), 1);
  const statements = [
    sql`delete from message_edits where message_id in (select id from messages where conversation_id in (${ids}))`,
    sql`delete from messages where conversation_id in (${ids})`,
    sql`delete from autoqa_results where conversation_id in (${ids})`,
    sql`delete from sample_selections where store_id = ${storeId} and date <= ${lastDate} and conversation_id in (${ids})`,
    sql`delete from disputes where store_id = ${storeId} and review_id in (select id from reviews where store_id = ${storeId} and conversation_id in (${ids}))`,
    sql`delete from autoqa_agreements where store_id = ${storeId} and conversation_id in (${ids})`,
    sql`delete from reviews where store_id = ${storeId} and conversation_id in (${ids})`,
    sql`delete from conversations where id in (${ids})`,
  ].map((q) => d1Statement(db.$client, q));
  const results = await db.$client.batch(statements);
  return results.at(-1)?.meta.changes ?? 0;
}

/**
 * One store's retention (SPEC §9): raw events past 30 days, and conversations past the store's
 * `retentionDays` with their messages, AutoQA results, sample entries and reviews. Deletes go in bounded
 * rounds while `room()` allows; whatever is left waits for the next invocation (`done: false`).
 * Coaching cards of those days go too. Rollups and the audit log hold no customer data and stay.
 */
export async function retainStore(db: Db, store: { id: string; timezone: string; retentionDays: number }, now: number, room: Room, sizes = ROUND_SIZES): Promise<RetentionResult> {
  const { id: storeId, retentionDays } = store;
  const result: RetentionResult = { conversations: 0, rawEvents: 0, done: false };
  // Coaching cards quote messages: they go with the days whose conversations go (a day's margin for the zone).
  const lastCardDay = addDays(localDate(now - retentionDays * DAY, store.timezone), -1);
  await d1Statement(db.$client, sql`delete from coaching_cards where store_id = ${storeId} and date < ${lastCardDay}`).run();
  const rawCutoff = now - RAW_EVENT_DAYS * DAY;
  for (;;) {
    if (!room()) return result;
    const deleted = await d1Statement(db.$client, sql`delete from raw_events where id in (select id from raw_events where store_id = ${storeId} and received_at < ${rawCutoff} limit ${sizes.rawEvents})`).run();
    const n = deleted.meta.changes ?? 0;
    result.rawEvents += n;
    if (n < sizes.rawEvents) break;
  }
  const cutoff = now - retentionDays * DAY;
  for (const undated of [false, true]) {
    for (;;) {
      if (!room()) return result;
      const n = await conversationRound(db, storeId, cutoff, undated, sizes.conversations);
      result.conversations += n;
      if (n < sizes.conversations) break;
    }
  }
  result.done = true;
  return result;
}

/**
 * The hourly retention pass: each store once a day, in the UTC hour its id hashes to, so no run visits
 * every store. A store with more to delete than this invocation has room for continues on the queue.
 */
export async function enforceRetention(db: Db, now: number, opts: { room?: Room; queue?: Queue<QueueMessage> } = {}) {
  const room = opts.room ?? (() => true);
  const hour = new Date(now).getUTCHours();
  const due = (await db.select({ id: stores.id, settings: stores.settings, timezone: stores.timezone }).from(stores)).filter((s) => hashSeed(s.id) % 24 === hour);
  let removed = 0;
  let rawRemoved = 0;
  const continued: string[] = [];
  for (const store of due) {
    const r = await retainStore(db, { id: store.id, timezone: store.timezone, retentionDays: readSettings(store.settings).retentionDays }, now, room);
    removed += r.conversations;
    rawRemoved += r.rawEvents;
    if (!r.done) continued.push(store.id);
  }
  if (opts.queue) for (let i = 0; i < continued.length; i += 100) await opts.queue.sendBatch(continued.slice(i, i + 100).map((storeId) => ({ body: { kind: 'retention' as const, storeId } })));
  return { removed, rawRemoved, continued };
}
