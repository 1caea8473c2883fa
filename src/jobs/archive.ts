/**
 * The hot window's end: an ended conversation older than the store's `hotDays` has its transcript and
 * full AutoQA result written to R2, and its messages and evidence deleted from D1. Its row and AutoQA
 * summary stay for the store's retention. Runs per store from the hourly cron, a chunk at a time.
 */
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { hotResult, loadTranscripts, putTranscript } from '../archive/transcripts';
import type { Db } from '../db/client';
import { autoQaEvidence, conversations, messages, stores } from '../db/schema';
import { readSettings } from '../services/settings';

const DAY = 86_400_000;
/** Conversations per round: one R2 write each, and three D1 statements for the round. */
export const ARCHIVE_CHUNK = 50;

/** Archives up to ARCHIVE_CHUNK due conversations of the store; returns how many. */
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
      and(
        eq(conversations.storeId, storeId),
        sql`${conversations.status} = 'closed' and (${conversations.archivedAt} is null or ${conversations.archivedAt} < 0)`,
        lt(conversations.closedAt, cutoff),
      ),
    )
    .limit(ARCHIVE_CHUNK);
  if (!due.length) return 0;
  const ids = due.map((c) => c.id);
  const transcripts = await loadTranscripts(db, bucket, due);
  const evidence = new Map((await db.select().from(autoQaEvidence).where(inArray(autoQaEvidence.conversationId, ids))).map((e) => [e.conversationId, e.evidence]));

  await Promise.all(
    due.map((row) => {
      const { messages: list, archived } = transcripts.get(row.id)!;
      return putTranscript(bucket, {
        v: 1,
        storeId,
        conversationId: row.id,
        connectionId: row.connectionId,
        archivedAt: now,
        messages: list,
        // The hot evidence is the newest result when there is one; else what the archive held.
        autoQa: (evidence.has(row.id) ? hotResult(row, evidence.get(row.id)!, list) : null) ?? archived?.autoQa ?? null,
      });
    }),
  );

  // Only what was archived is deleted: a message or a re-score that came in meanwhile stays, and the
  // conversation is left marked (negative time) so the next round folds it in.
  const archivedMessages = due.flatMap((row) => transcripts.get(row.id)!.messages.map((m) => [row.id, m.externalId]));
  const archivedEvidence = [...evidence.entries()];
  const stillHot = sql`exists (select 1 from ${messages} where ${messages.conversationId} = ${conversations.id})
    or exists (select 1 from ${autoQaEvidence} where ${autoQaEvidence.conversationId} = ${conversations.id})`;
  await db.batch([
    db
      .delete(messages)
      .where(sql`(${messages.conversationId}, ${messages.externalId}) in (select json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(${JSON.stringify(archivedMessages)}))`),
    db
      .delete(autoQaEvidence)
      .where(sql`(${autoQaEvidence.conversationId}, ${autoQaEvidence.evidence}) in (select json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(${JSON.stringify(archivedEvidence)}))`),
    db
      .update(conversations)
      .set({ archivedAt: sql`case when ${stillHot} then ${-now} else ${now} end` })
      .where(and(eq(conversations.storeId, storeId), sql`${conversations.id} in (select value from json_each(${JSON.stringify(ids)}))`)),
  ]);
  return due.length;
}
