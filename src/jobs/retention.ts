/**
 * Retention (SPEC §9): raw deliveries 30 days, conversations the store's retentionDays, enforced in D1
 * and in the archive alike. The hourly cron queues each store once a day, in the UTC hour its id
 * hashes to; a store with more to delete than one round goes back on the queue.
 */
import { and, eq, lt, sql, type AnyColumn } from 'drizzle-orm';
import { deleteDeliveriesBefore, deleteTranscripts } from '../archive/retention';
import type { Db } from '../db/client';
import { conversations, deadDeliveries, deliveryCounts, messages, reviews, sampleSelections, stores } from '../db/schema';
import { hashSeed } from '../lib/random';
import { readSettings } from '../services/settings';

const DAY = 86_400_000;
/** Raw webhook deliveries are kept 30 days (SPEC §9): long enough to replay, no longer. */
export const RAW_DELIVERY_DAYS = 30;
/** Conversations per round: one read, one R2 delete, one D1 batch. */
const ROUND = 500;

/** Whether the store's retention runs in this UTC hour (each store once a day, spread over the day). */
export const retentionDue = (storeId: string, now: number) => hashSeed(storeId) % 24 === new Date(now).getUTCHours();

export interface RetentionRound {
  removed: number;
  deliveryObjects: number;
  /** More is left: run another round. */
  more: boolean;
}

/** One round of a store's retention. */
export async function enforceRetention(db: Db, bucket: R2Bucket, storeId: string, now: number): Promise<RetentionRound> {
  const store = await db.select({ settings: stores.settings }).from(stores).where(eq(stores.id, storeId)).get();
  if (!store) return { removed: 0, deliveryObjects: 0, more: false };
  const rawCutoff = now - RAW_DELIVERY_DAYS * DAY;
  const deliveries = await deleteDeliveriesBefore(bucket, storeId, rawCutoff);
  const cutoff = now - readSettings(store.settings).retentionDays * DAY;
  const old = await db
    .select({ id: conversations.id, archivedAt: conversations.archivedAt })
    .from(conversations)
    .where(and(eq(conversations.storeId, storeId), lt(conversations.openedAt, cutoff)))
    .limit(ROUND);
  const ids = old.map((o) => o.id);
  // The archive first: a transcript never outlives its row (a failure here leaves the rows for the next round).
  await deleteTranscripts(bucket, storeId, old.filter((o) => o.archivedAt !== null).map((o) => o.id));
  const list = JSON.stringify(ids);
  const inList = (column: AnyColumn) => sql`${column} in (select value from json_each(${list}))`;
  const dayCutoff = new Date(rawCutoff).toISOString().slice(0, 10);
  await db.batch([
    db.delete(messages).where(inList(messages.conversationId)),
    db.delete(sampleSelections).where(and(eq(sampleSelections.storeId, storeId), inList(sampleSelections.conversationId))),
    db.delete(reviews).where(and(eq(reviews.storeId, storeId), inList(reviews.conversationId))),
    db.delete(conversations).where(and(eq(conversations.storeId, storeId), inList(conversations.id))),
    db.delete(deadDeliveries).where(and(eq(deadDeliveries.storeId, storeId), lt(deadDeliveries.receivedAt, rawCutoff))),
    db.delete(deliveryCounts).where(and(eq(deliveryCounts.storeId, storeId), lt(deliveryCounts.day, dayCutoff))),
  ]);
  return { removed: ids.length, deliveryObjects: deliveries.deleted, more: ids.length === ROUND || deliveries.more };
}
