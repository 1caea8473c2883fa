import { eq } from 'drizzle-orm';
import { getDb, type Db } from '../db/client';
import { stores } from '../db/schema';
import { countingD1 } from '../db/counting';
import { AppError } from '../domain/errors';
import type { Env, QueueMessage } from '../env';
import { processRawEvents, recordFailure, STATEMENT_BUDGET } from '../ingest/consumer';
import { readSettings } from '../services/settings';
import { scoreConversations } from './autoqa';
import { runCardsJob } from './cards';
import { runDailyJob } from './daily';
import { retainStore } from './retention';
import { enqueueScoring } from './enqueue-scoring';

type Msg = Message<QueueMessage>;

/**
 * Retries back off: 5 s, 10 s, 20 s … (Queues' own limit is max_retries in wrangler.toml, then the DLQ).
 * QUEUE_RETRY_BASE_SECONDS changes the first step (the fault tests run the real retries with 0).
 */
export function backoff(attempts: number, base = 5) {
  return Math.min(300, base * 2 ** Math.max(0, attempts - 1));
}

function fail(db: Db, env: Env, message: Msg, error: unknown) {
  const body = message.body;
  console.error(JSON.stringify({ level: 'error', msg: 'queue message failed', kind: body.kind, attempts: message.attempts, error: String(error) }));
  const base = Number(env.QUEUE_RETRY_BASE_SECONDS ?? 5);
  message.retry({ delaySeconds: backoff(message.attempts, Number.isFinite(base) && base >= 0 ? base : 5) });
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
async function handleWebhooks(db: Db, env: Env, messages: Msg[], budget: Budget, now: number) {
  if (!messages.length) return;
  try {
    await ingest(db, env, messages, now);
    for (const m of messages) m.ack();
    return;
  } catch (error) {
    if (messages.length === 1) return fail(db, env, messages[0]!, error);
  }
  for (const [i, m] of messages.entries()) {
    // Alone, a delivery may still write up to the statement budget: stop before the invocation's limit.
    if (!hasRoom(budget, STATEMENT_BUDGET + 20)) {
      await requeue(env, messages.slice(i));
      return;
    }
    try {
      await ingest(db, env, [m], now);
      m.ack();
    } catch (error) {
      await fail(db, env, m, error);
    }
  }
}

/** D1 allows 1,000 queries per invocation; work that would not fit goes back on the queue. */
const QUERY_LIMIT = 1000;
/** Upper bounds of what one unit of work queries: 50 conversations scored, one store's daily job. */
const SCORING_CHUNK = 50;
const SCORING_QUERIES = 70;
const DAILY_QUERIES = 150;
/** One retention round: five deletes, with room kept for the rest of the batch. */
const RETENTION_ROUND_QUERIES = 50;

type Budget = { used: () => number };
const hasRoom = (budget: Budget, needed: number) => budget.used() + needed <= QUERY_LIMIT;

/** Re-sends messages as new ones (a retry would count towards the dead-letter limit) and acks them. */
async function requeue(env: Env, messages: Msg[]) {
  if (!messages.length) return;
  await env.INGEST_QUEUE.sendBatch(messages.map((m) => ({ body: m.body })));
  for (const m of messages) m.ack();
}

/** Scoring messages of a batch, by store, 50 conversations per read-and-write round. */
async function handleScoring(db: Db, env: Env, messages: Msg[], budget: Budget, now: number) {
  const byStore = new Map<string, Msg[]>();
  for (const m of messages) {
    const body = m.body as Extract<QueueMessage, { kind: 'autoqa' }>;
    byStore.set(body.storeId, [...(byStore.get(body.storeId) ?? []), m]);
  }
  for (const [storeId, group] of byStore) {
    for (let i = 0; i < group.length; i += SCORING_CHUNK) {
      const chunk = group.slice(i, i + SCORING_CHUNK);
      if (!hasRoom(budget, SCORING_QUERIES)) {
        await requeue(env, chunk);
        continue;
      }
      try {
        await scoreConversations(db, storeId, chunk.map((m) => (m.body as Extract<QueueMessage, { kind: 'autoqa' }>).conversationId), now);
        for (const m of chunk) m.ack();
      } catch (error) {
        for (const m of chunk) await fail(db, env, m, error);
      }
    }
  }
}

/** Daily jobs and card runs, one store at a time while the budget allows. */
async function handleDaily(db: Db, env: Env, messages: Msg[], budget: Budget, now: number) {
  for (const message of messages) {
    if (!hasRoom(budget, DAILY_QUERIES)) {
      await requeue(env, [message]);
      continue;
    }
    const body = message.body as Extract<QueueMessage, { kind: 'daily' | 'cards' }>;
    try {
      if (body.kind === 'cards') await runCardsJob(db, body.storeId, body.date, now);
      else await runDailyJob(db, body.storeId, body.date, now);
      message.ack();
    } catch (error) {
      // A day that has not ended will not end by retrying now: the hourly cron sends it again later.
      if (error instanceof AppError && error.code === 'invalid_request') {
        console.error(JSON.stringify({ level: 'error', msg: 'daily job refused', body, error: error.message }));
        message.ack();
      } else await fail(db, env, message, error);
    }
  }
}

/** Retention that did not fit its hourly run, continued while the budget allows; what is left goes back on the queue. */
async function handleRetention(db: Db, env: Env, messages: Msg[], budget: Budget, now: number) {
  for (const message of messages) {
    const { storeId } = message.body as Extract<QueueMessage, { kind: 'retention' }>;
    try {
      const store = await db.select({ settings: stores.settings, timezone: stores.timezone }).from(stores).where(eq(stores.id, storeId)).get();
      const result = store ? await retainStore(db, { id: storeId, timezone: store.timezone, retentionDays: readSettings(store.settings).retentionDays }, now, () => hasRoom(budget, RETENTION_ROUND_QUERIES)) : { done: true };
      if (result.done) message.ack();
      else await requeue(env, [message]);
    } catch (error) {
      await fail(db, env, message, error);
    }
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

/**
 * One queue batch: webhook deliveries first (they hold the customer-facing data), then scoring, then
 * daily jobs, all counted against D1's per-invocation query limit.
 */
export async function handleQueueBatch(batch: MessageBatch<QueueMessage>, env: Env, now = Date.now()) {
  const counter = countingD1(env.DB);
  const db = getDb(counter.db);
  const budget = { used: counter.count };
  const of = (kind: QueueMessage['kind']) => batch.messages.filter((m) => m.body.kind === kind);
  if (batch.queue.endsWith('-dlq')) return handleDeadLetters(db, batch.messages);
  await handleWebhooks(db, env, of('webhook'), budget, now);
  await handleScoring(db, env, of('autoqa'), budget, now);
  await handleDaily(db, env, [...of('daily'), ...of('cards')], budget, now);
  await handleRetention(db, env, of('retention'), budget, now);
}
