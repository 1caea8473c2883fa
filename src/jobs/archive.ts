/**
 * The hot window's end: an ended conversation closed longer ago than the store's `hotDays` has its
 * messages removed from D1, once its transcript object in R2 holds every one of them. Scoring writes
 * that object already (with the whole AutoQA result), so usually nothing is written here; a message
 * that came after the last scoring is folded in first. Its row and AutoQA summary stay for the store's
 * retention. Runs per store from the hourly cron, a chunk at a time.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import { loadTranscripts, putTranscript, type TranscriptMessage } from '../archive/transcripts';
import type { Db } from '../db/client';
import { conversations, messages, stores } from '../db/schema';
import { readSettings } from '../services/settings';

const DAY = 86_400_000;
/** Conversations per round: at most one R2 read and one write each, and two D1 statements for the round. */
export const ARCHIVE_CHUNK = 50;

const same = (a: TranscriptMessage, b: TranscriptMessage) =>
  a.text === b.text &&
  a.sentAt === b.sentAt &&
  a.role === b.role &&
  a.internal === b.internal &&
  a.senderExternalId === b.senderExternalId &&
  a.contentType === b.contentType;

/** Moves up to ARCHIVE_CHUNK due conversations of the store out of D1; returns how many. */
export async function archiveConversations(db: Db, bucket: R2Bucket, storeId: string, now: number): Promise<number> {
  const store = await db.select({ settings: stores.settings }).from(stores).where(eq(stores.id, storeId)).get();
  if (!store) return 0;
  const cutoff = now - readSettings(store.settings).hotDays * DAY;
  // The partial index conversations_archive_due holds exactly these rows (its condition is written out
  // literally, so the planner can match it).
  const due = await db
    .select()
    .from(conversations)
    .where(
      and(eq(conversations.storeId, storeId), sql`${conversations.status} = 'closed' and ${conversations.hot} in (1, 2)`, lt(conversations.closedAt, cutoff)),
    )
    .limit(ARCHIVE_CHUNK);
  if (!due.length) return 0;
  const transcripts = await loadTranscripts(db, bucket, due, { copies: true });
  const hot = (id: string) => transcripts.get(id)!.hot;

  // A transcript object that lacks a hot message (or holds an older form of it) is written again, whole.
  const rewritten: string[] = [];
  await Promise.all(
    due.map(async (row) => {
      const { messages: list, archived } = transcripts.get(row.id)!;
      const copy = new Map((archived?.messages ?? []).map((m) => [m.externalId, m]));
      if (hot(row.id).every((m) => copy.has(m.externalId) && same(copy.get(m.externalId)!, m))) return;
      await putTranscript(bucket, {
        v: 1,
        storeId,
        conversationId: row.id,
        connectionId: row.connectionId,
        archivedAt: now,
        messages: list,
        autoQa: archived?.autoQa ?? null,
      });
      rewritten.push(row.id);
    }),
  );

  // Only what the archive now holds is deleted: a message that came in meanwhile stays, and leaves
  // the conversation partly hot for the next round.
  const archived = due.flatMap((row) => hot(row.id).map((m) => [row.id, m.externalId]));
  const stillHot = sql`exists (select 1 from ${messages} where ${messages.conversationId} = ${conversations.id})`;
  await db.batch([
    db
      .delete(messages)
      .where(
        sql`(${messages.conversationId}, ${messages.externalId}) in (select json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(${JSON.stringify(archived)}))`,
      ),
    db
      .update(conversations)
      .set({
        hot: sql`case when ${stillHot} then 2 else 3 end`,
        archivedAt: sql`case when ${conversations.id} in (select value from json_each(${JSON.stringify(rewritten)})) then ${now} else ${conversations.archivedAt} end`,
      })
      .where(and(eq(conversations.storeId, storeId), sql`${conversations.id} in (select value from json_each(${JSON.stringify(due.map((c) => c.id))}))`)),
  ]);
  return due.length;
}
