import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { autoQaResults, coachingCards, conversations, disputes, messageEdits, messages, rawEvents, reviews, sampleSelections, stores } from '../db/schema';
import { addDays, localDate } from '../lib/time';
import { hashSeed } from '../lib/random';
import { readSettings } from '../services/settings';

const DAY = 86_400_000;
/** Raw webhook events are kept 30 days (SPEC §9): long enough to replay, no longer. */
export const RAW_EVENT_DAYS = 30;
/** Rows deleted per statement, so one run stays small; the next run takes the rest. */
const BATCH = 2000;

/**
 * Deletes what is past retention: raw events after 30 days, and each store's conversations (with
 * their messages, AutoQA results, sample entries, reviews and their disputes) and coaching cards (they
 * quote the conversations) after its retentionDays. Each store is
 * visited once a day, in the UTC hour its id hashes to, so no run touches every store.
 */
export async function enforceRetention(db: Db, now: number) {
  await db.run(sql`delete from ${rawEvents} where ${rawEvents.id} in (select ${rawEvents.id} from ${rawEvents} where ${rawEvents.receivedAt} < ${now - RAW_EVENT_DAYS * DAY} limit ${BATCH})`);
  const hour = new Date(now).getUTCHours();
  const due = (await db.select({ id: stores.id, settings: stores.settings, timezone: stores.timezone }).from(stores)).filter((s) => hashSeed(s.id) % 24 === hour);
  let removed = 0;
  for (const store of due) {
    const cutoff = now - readSettings(store.settings).retentionDays * DAY;
    // Cards quote messages: they go with the conversations they quote.
    await db.delete(coachingCards).where(and(eq(coachingCards.storeId, store.id), lt(coachingCards.date, addDays(localDate(cutoff, store.timezone), -1))));
    const old = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.storeId, store.id), lt(sql`coalesce(${conversations.openedAt}, ${conversations.createdAt})`, cutoff)))
      .limit(90);
    if (!old.length) continue;
    const ids = old.map((o) => o.id);
    await db.batch([
      db.delete(messageEdits).where(
        and(eq(messageEdits.storeId, store.id), inArray(messageEdits.messageId, db.select({ id: messages.id }).from(messages).where(inArray(messages.conversationId, ids)))),
      ),
      db.delete(messages).where(and(eq(messages.storeId, store.id), inArray(messages.conversationId, ids))),
      db.delete(autoQaResults).where(and(eq(autoQaResults.storeId, store.id), inArray(autoQaResults.conversationId, ids))),
      db.delete(sampleSelections).where(and(eq(sampleSelections.storeId, store.id), inArray(sampleSelections.conversationId, ids))),
      db.delete(disputes).where(and(eq(disputes.storeId, store.id), inArray(disputes.reviewId, db.select({ id: reviews.id }).from(reviews).where(and(eq(reviews.storeId, store.id), inArray(reviews.conversationId, ids)))))),
      db.delete(reviews).where(and(eq(reviews.storeId, store.id), inArray(reviews.conversationId, ids))),
      db.delete(conversations).where(and(eq(conversations.storeId, store.id), inArray(conversations.id, ids))),
    ]);
    removed += ids.length;
  }
  return { removed };
}
