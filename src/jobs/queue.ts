import { getDb, type Db } from '../db/client';
import type { Env, QueueMessage } from '../env';
import { processRawEvent, recordFailure } from '../ingest/consumer';
import { enqueueScoring } from './scoring';

/** Retries back off: 5 s, 10 s, 20 s … (Queues' own limit is max_retries in wrangler.toml, then the DLQ). */
const backoff = (attempts: number) => Math.min(300, 5 * 2 ** Math.max(0, attempts - 1));

async function handle(db: Db, env: Env, body: QueueMessage, now: number) {
  switch (body.kind) {
    case 'webhook': {
      const outcome = await processRawEvent(db, body.rawEventId, now);
      await enqueueScoring(env.INGEST_QUEUE, body.storeId, outcome.closedConversationIds);
      return;
    }
    case 'autoqa':
    case 'daily':
      // Filled in by the AutoQA and daily-sample areas.
      return;
  }
}

export async function handleQueueBatch(batch: MessageBatch<QueueMessage>, env: Env, now = Date.now()) {
  const db = getDb(env.DB);
  const deadLetters = batch.queue.endsWith('-dlq');
  for (const message of batch.messages) {
    const body = message.body;
    if (deadLetters) {
      // Out of retries: keep the raw event, marked dead, for an operator to replay.
      if (body.kind === 'webhook') await recordFailure(db, body.rawEventId, 'retries exhausted', true);
      else console.error(JSON.stringify({ level: 'error', msg: 'dead letter', body }));
      message.ack();
      continue;
    }
    try {
      await handle(db, env, body, now);
      message.ack();
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', msg: 'queue message failed', kind: body.kind, attempts: message.attempts, error: String(error) }));
      if (body.kind === 'webhook') await recordFailure(db, body.rawEventId, error, false).catch(() => undefined);
      message.retry({ delaySeconds: backoff(message.attempts) });
    }
  }
}
