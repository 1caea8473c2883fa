import { getDb, type Db } from '../db/client';
import type { Env, QueueMessage } from '../env';
import { processRawEvents, recordFailure } from '../ingest/consumer';
import { scoreConversations } from './autoqa';
import { runDailyJob } from './daily';
import { enqueueScoring } from './scoring';

type Msg = Message<QueueMessage>;

/** Retries back off: 5 s, 10 s, 20 s … (Queues' own limit is max_retries in wrangler.toml, then the DLQ). */
const backoff = (attempts: number) => Math.min(300, 5 * 2 ** Math.max(0, attempts - 1));

function fail(db: Db, message: Msg, error: unknown) {
  const body = message.body;
  console.error(JSON.stringify({ level: 'error', msg: 'queue message failed', kind: body.kind, attempts: message.attempts, error: String(error) }));
  message.retry({ delaySeconds: backoff(message.attempts) });
  return body.kind === 'webhook' ? recordFailure(db, body.rawEventId, error, false).catch(() => undefined) : undefined;
}

async function ingest(db: Db, env: Env, messages: Msg[], now: number) {
  const ids = messages.map((m) => (m.body as Extract<QueueMessage, { kind: 'webhook' }>).rawEventId);
  const outcome = await processRawEvents(db, ids, now);
  // Deliveries over this invocation's query budget go back on the queue as new messages (not retries,
  // which would count towards the dead-letter limit).
  const deferred = messages.filter((m) => outcome.deferred.includes((m.body as Extract<QueueMessage, { kind: 'webhook' }>).rawEventId));
  if (deferred.length) await env.INGEST_QUEUE.sendBatch(deferred.map((m) => ({ body: m.body })));
  const byStore = new Map<string, string[]>();
  for (const c of outcome.closed) byStore.set(c.storeId, [...(byStore.get(c.storeId) ?? []), c.conversationId]);
  for (const [storeId, conversationIds] of byStore) await enqueueScoring(env.INGEST_QUEUE, storeId, conversationIds);
}

/**
 * Webhook deliveries of a batch are written together (one set of reads, one D1 batch). If that fails,
 * each is tried alone, so one bad event is retried on its own and does not hold back the others.
 */
async function handleWebhooks(db: Db, env: Env, messages: Msg[], now: number) {
  if (!messages.length) return;
  try {
    await ingest(db, env, messages, now);
    for (const m of messages) m.ack();
    return;
  } catch (error) {
    if (messages.length === 1) return fail(db, messages[0]!, error);
  }
  for (const m of messages) {
    try {
      await ingest(db, env, [m], now);
      m.ack();
    } catch (error) {
      await fail(db, m, error);
    }
  }
}

/** Scoring messages of a batch, grouped by store: one set of reads and one write batch per store. */
async function handleScoring(db: Db, messages: Msg[], now: number) {
  const byStore = new Map<string, Msg[]>();
  for (const m of messages) {
    const body = m.body as Extract<QueueMessage, { kind: 'autoqa' }>;
    byStore.set(body.storeId, [...(byStore.get(body.storeId) ?? []), m]);
  }
  for (const [storeId, group] of byStore) {
    try {
      for (let i = 0; i < group.length; i += 50) {
        await scoreConversations(db, storeId, group.slice(i, i + 50).map((m) => (m.body as Extract<QueueMessage, { kind: 'autoqa' }>).conversationId), now);
      }
      for (const m of group) m.ack();
    } catch (error) {
      for (const m of group) await fail(db, m, error);
    }
  }
}

async function handleOther(db: Db, _env: Env, body: QueueMessage, now: number) {
  switch (body.kind) {
    case 'daily':
      await runDailyJob(db, body.storeId, body.date, now);
      return;
    case 'webhook':
    case 'autoqa':
      return;
  }
}

async function handleDeadLetters(db: Db, messages: readonly Msg[]) {
  for (const message of messages) {
    // Out of retries: keep the raw event, marked dead, for an operator to replay.
    if (message.body.kind === 'webhook') await recordFailure(db, message.body.rawEventId, 'retries exhausted', true);
    else console.error(JSON.stringify({ level: 'error', msg: 'dead letter', body: message.body }));
    message.ack();
  }
}

export async function handleQueueBatch(batch: MessageBatch<QueueMessage>, env: Env, now = Date.now()) {
  const db = getDb(env.DB);
  if (batch.queue.endsWith('-dlq')) return handleDeadLetters(db, batch.messages);
  await handleWebhooks(db, env, batch.messages.filter((m) => m.body.kind === 'webhook'), now);
  await handleScoring(db, batch.messages.filter((m) => m.body.kind === 'autoqa'), now);
  for (const message of batch.messages) {
    if (message.body.kind === 'webhook' || message.body.kind === 'autoqa') continue;
    try {
      await handleOther(db, env, message.body, now);
      message.ack();
    } catch (error) {
      await fail(db, message, error);
    }
  }
}
