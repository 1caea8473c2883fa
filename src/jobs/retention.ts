/**
 * Retention (SPEC §9): raw deliveries 30 days, conversations the store's retentionDays, enforced in D1
 * and in the archive (R2) alike, in bounded rounds so a store with a lot to delete never passes D1's
 * per-invocation limit: what is left continues on the queue.
 */
import { sql } from 'drizzle-orm';
import { deleteDeliveriesBefore, deleteTranscripts } from '../archive/retention';
import type { Db } from '../db/client';
import { d1Statement } from '../db/statements';
import { stores } from '../db/schema';
import type { QueueMessage } from '../env';
import { hashSeed } from '../lib/random';
import { addDays, localDate } from '../lib/time';
import { readSettings } from '../services/settings';

const DAY = 86_400_000;
/** Raw webhook deliveries are kept 30 days (SPEC §9): long enough to replay, no longer. */
export const RAW_DELIVERY_DAYS = 30;
/** Per round: conversations (one read, one R2 delete, one D1 batch, children first), archived delivery days. */
export const ROUND_SIZES = { conversations: 500, deliveryDays: 7 };

/** Whether the invocation still has room for another round of statements (D1: 1,000 queries each). */
export type Room = () => boolean;

export interface RetentionResult {
  conversations: number;
  /** Archive objects of raw deliveries (batches and large bodies) deleted. */
  deliveryObjects: number;
  /** False when the store has more past retention than this invocation had room for. */
  done: boolean;
}

/** Whether the store's retention runs in this UTC hour (each store once a day, spread over the day). */
export const retentionDue = (storeId: string, now: number) => hashSeed(storeId) % 24 === new Date(now).getUTCHours();

/** One round: the oldest conversations past the cutoff (by the store's opened-at index), archive first. */
async function conversationRound(db: Db, bucket: R2Bucket, storeId: string, cutoff: number, limit: number): Promise<number> {
  const old = await db.$client
    .prepare('select id, archived_at from conversations where store_id = ? and opened_at < ? order by opened_at limit ?')
    .bind(storeId, cutoff, limit)
    .all<{ id: string; archived_at: number | null }>();
  const rows = old.results;
  if (!rows.length) return 0;
  // The archive first: a transcript never outlives its row (a failure here leaves the rows for the next round).
  await deleteTranscripts(
    bucket,
    storeId,
    rows.filter((r) => r.archived_at !== null).map((r) => r.id),
  );
  const ids = sql`select value from json_each(${JSON.stringify(rows.map((r) => r.id))})`;
  // A conversation is sampled on the local day it opened; a day of margin covers every time zone.
  const lastDate = addDays(new Date(cutoff).toISOString().slice(0, 10), 1);
  const statements = [
    sql`delete from messages where conversation_id in (${ids})`,
    sql`delete from sample_selections where store_id = ${storeId} and date <= ${lastDate} and conversation_id in (${ids})`,
    sql`delete from disputes where store_id = ${storeId} and review_id in (select id from reviews where store_id = ${storeId} and conversation_id in (${ids}))`,
    sql`delete from autoqa_agreements where store_id = ${storeId} and conversation_id in (${ids})`,
    sql`delete from reviews where store_id = ${storeId} and conversation_id in (${ids})`,
    sql`delete from conversations where store_id = ${storeId} and id in (${ids})`,
  ].map((q) => d1Statement(db.$client, q));
  const results = await db.$client.batch(statements);
  return results.at(-1)?.meta.changes ?? 0;
}

/**
 * One store's retention: archived raw deliveries past 30 days (with their counts, dead records and
 * warnings), and conversations past the store's `retentionDays` with their transcripts in R2, messages,
 * sample entries, reviews, disputes and agreement rows. Announced edits go by their age. Deletes go in
 * bounded rounds while `room()` allows; whatever is left waits for the next invocation (`done: false`).
 * Coaching cards of those days go too. Rollups and the audit log hold no customer data and stay.
 */
export async function retainStore(
  db: Db,
  bucket: R2Bucket,
  store: { id: string; timezone: string; retentionDays: number },
  now: number,
  room: Room,
  sizes = ROUND_SIZES,
): Promise<RetentionResult> {
  const { id: storeId, retentionDays } = store;
  const result: RetentionResult = { conversations: 0, deliveryObjects: 0, done: false };
  const cutoff = now - retentionDays * DAY;
  const rawCutoff = now - RAW_DELIVERY_DAYS * DAY;
  // Coaching cards quote messages: they go with the days whose conversations go (a day's margin for the zone).
  const lastCardDay = addDays(localDate(cutoff, store.timezone), -1);
  await db.$client.batch(
    [
      sql`delete from coaching_cards where store_id = ${storeId} and date < ${lastCardDay}`,
      sql`delete from message_edits where store_id = ${storeId} and edited_at < ${cutoff}`,
      sql`delete from dead_deliveries where store_id = ${storeId} and received_at < ${rawCutoff}`,
      sql`delete from delivery_warnings where store_id = ${storeId} and received_at < ${rawCutoff}`,
      sql`delete from delivery_counts where store_id = ${storeId} and day < ${new Date(rawCutoff).toISOString().slice(0, 10)}`,
    ].map((q) => d1Statement(db.$client, q)),
  );
  for (;;) {
    if (!room()) return result;
    const deliveries = await deleteDeliveriesBefore(bucket, storeId, rawCutoff, sizes.deliveryDays);
    result.deliveryObjects += deliveries.deleted;
    if (!deliveries.more) break;
  }
  for (;;) {
    if (!room()) return result;
    const n = await conversationRound(db, bucket, storeId, cutoff, sizes.conversations);
    result.conversations += n;
    if (n < sizes.conversations) break;
  }
  result.done = true;
  return result;
}

/** A store's retention from its own settings (the queue's continuation); done when the store is gone. */
export async function retainStoreById(db: Db, bucket: R2Bucket, storeId: string, now: number, room: Room): Promise<RetentionResult> {
  const store = await db.select({ settings: stores.settings, timezone: stores.timezone }).from(stores).where(sql`${stores.id} = ${storeId}`).get();
  if (!store) return { conversations: 0, deliveryObjects: 0, done: true };
  return retainStore(db, bucket, { id: storeId, timezone: store.timezone, retentionDays: readSettings(store.settings).retentionDays }, now, room);
}

/**
 * The hourly retention pass over one store database: each store once a day, in the UTC hour its id
 * hashes to, so no run visits every store. A store with more to delete than this invocation has room
 * for continues on the queue.
 */
export async function enforceRetention(db: Db, bucket: R2Bucket, now: number, opts: { room?: Room; queue?: Queue<QueueMessage> } = {}) {
  const room = opts.room ?? (() => true);
  const due = (await db.select({ id: stores.id, settings: stores.settings, timezone: stores.timezone }).from(stores)).filter((s) => retentionDue(s.id, now));
  let removed = 0;
  let deliveryObjects = 0;
  const continued: string[] = [];
  for (const store of due) {
    const r = await retainStore(db, bucket, { id: store.id, timezone: store.timezone, retentionDays: readSettings(store.settings).retentionDays }, now, room);
    removed += r.conversations;
    deliveryObjects += r.deliveryObjects;
    if (!r.done) continued.push(store.id);
  }
  if (opts.queue) for (let i = 0; i < continued.length; i += 100) await opts.queue.sendBatch(continued.slice(i, i + 100).map((storeId) => ({ body: { kind: 'retention' as const, storeId } })));
  return { removed, deliveryObjects, continued };
}
