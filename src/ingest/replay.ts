import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rawEvents } from '../db/schema';
import type { QueueMessage } from '../env';

/** Queue.sendBatch takes at most 100 messages. */
const SEND_BATCH = 100;

export async function enqueueRawEvents(queue: Queue<QueueMessage>, rows: { id: string; storeId: string }[]) {
  for (let i = 0; i < rows.length; i += SEND_BATCH) {
    await queue.sendBatch(rows.slice(i, i + SEND_BATCH).map((r) => ({ body: { kind: 'webhook' as const, storeId: r.storeId, rawEventId: r.id } })));
  }
}

/**
 * Re-processes stored deliveries of one connection received in [from, to) through the normal consumer
 * path. Safe to run any number of times: the consumer's writes are idempotent. Each replayed delivery
 * goes back to `queued` in the same statement that picks it, so the counts stay true (accepted =
 * processed + ignored + dead once the queue is drained) and the sweep re-sends it if the enqueue is lost.
 */
export async function replayRawEvents(
  db: Db,
  queue: Queue<QueueMessage>,
  opts: { connectionId: string; from: number; to: number; includeProcessed: boolean },
) {
  const statuses = opts.includeProcessed ? (['queued', 'processed', 'dead'] as const) : (['queued', 'dead'] as const);
  const rows = await db
    .update(rawEvents)
    .set({ status: 'queued' })
    .where(
      and(
        eq(rawEvents.connectionId, opts.connectionId),
        gte(rawEvents.receivedAt, opts.from),
        lt(rawEvents.receivedAt, opts.to),
        inArray(rawEvents.status, [...statuses]),
      ),
    )
    .returning({ id: rawEvents.id, storeId: rawEvents.storeId });
  await enqueueRawEvents(queue, rows);
  return { enqueued: rows.length };
}

/** Deliveries stored but never picked up (the enqueue failed after the 202): sent again. */
export async function requeueStuckEvents(db: Db, queue: Queue<QueueMessage>, olderThan: number) {
  const rows = await db
    .select({ id: rawEvents.id, storeId: rawEvents.storeId })
    .from(rawEvents)
    .where(and(eq(rawEvents.status, 'queued'), lt(rawEvents.receivedAt, olderThan)))
    .limit(500);
  await enqueueRawEvents(queue, rows);
  return rows.length;
}
