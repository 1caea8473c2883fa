import { messageBytes } from '../ingest/delivery';
import type { QueueMessage } from '../env';

/** Queues take at most 100 messages and 256 KB (256,000 bytes) per sendBatch. */
const BATCH_COUNT = 100;
const BATCH_BYTES = 250_000;

/** Sends any number of messages in as few sendBatch calls as the queue's limits allow. */
export async function sendAll(queue: Queue<QueueMessage>, messages: MessageSendRequest<QueueMessage>[]) {
  let batch: MessageSendRequest<QueueMessage>[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = messageBytes(m.body);
    if (batch.length && (batch.length >= BATCH_COUNT || bytes + size > BATCH_BYTES)) {
      await queue.sendBatch(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(m);
    bytes += size;
  }
  if (batch.length) await queue.sendBatch(batch);
}
