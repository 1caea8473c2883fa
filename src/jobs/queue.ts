import { archiveDeliveries } from '../archive/deliveries';
import { AppError } from '../domain/errors';
import type { Env, QueueMessage } from '../env';
import { recordDead } from '../ingest/consumer';
import { archivedDelivery, type DeliveryMessage } from '../ingest/delivery';
import { archiveConversations, ARCHIVE_CHUNK } from './archive';
import { scoreConversations } from './autoqa';
import { runCardsJob } from './cards';
import { runDailyJob } from './daily';
import { retainStoreById } from './retention';
import { handleDeliveries } from './ingest-batch';
import { retryDelay, startInvocation, type Invocation } from './invocation';
import { sendAll } from './send';

type Msg = Message<QueueMessage>;
type Of<K extends QueueMessage['kind']> = Message<Extract<QueueMessage, { kind: K }>>;

/** A failed job message is retried by the queue (max_retries in wrangler.toml, then the dead-letter queue). */
function fail(env: Env, message: Msg, error: unknown) {
  console.error(JSON.stringify({ level: 'error', msg: 'queue message failed', kind: message.body.kind, attempts: message.attempts, error: String(error) }));
  message.retry({ delaySeconds: retryDelay(env, message.attempts) });
}

/** Upper bounds of what one unit of work queries: 50 conversations scored, one store's daily job, one archive round. */
const SCORING_CHUNK = 50;
const SCORING_QUERIES = 130;
const DAILY_QUERIES = 150;
const ARCHIVE_QUERIES = 20;
/** One retention round: a few deletes, with room kept for the rest of the batch. */
const RETENTION_ROUND_QUERIES = 50;

/** Re-sends messages as new ones (a retry would count towards the dead-letter limit) and acks them. */
async function requeue(env: Env, messages: Msg[]) {
  if (!messages.length) return;
  await sendAll(env.INGEST_QUEUE, messages.map((m) => ({ body: m.body })));
  for (const m of messages) m.ack();
}

/** Scoring messages of a batch, by store, 50 conversations per read-and-write round. */
async function handleScoring(inv: Invocation, messages: Of<'autoqa'>[]) {
  const byStore = new Map<string, Of<'autoqa'>[]>();
  for (const m of messages) byStore.set(m.body.storeId, [...(byStore.get(m.body.storeId) ?? []), m]);
  for (const [storeId, group] of byStore) {
    const database = await inv.storeDb(storeId);
    for (let i = 0; i < group.length; i += SCORING_CHUNK) {
      const chunk = group.slice(i, i + SCORING_CHUNK);
      if (!inv.hasRoom(SCORING_QUERIES)) {
        await requeue(inv.env, chunk);
        continue;
      }
      try {
        if (database) await scoreConversations(database.db, inv.env.ARCHIVE, storeId, chunk.map((m) => m.body.conversationId), inv.now);
        for (const m of chunk) m.ack();
      } catch (error) {
        for (const m of chunk) fail(inv.env, m, error);
      }
    }
  }
}

/** Daily jobs and card runs, one store at a time while the budget allows. */
async function handleDaily(inv: Invocation, messages: Of<'daily' | 'cards'>[]) {
  for (const message of messages) {
    if (!inv.hasRoom(DAILY_QUERIES)) {
      await requeue(inv.env, [message]);
      continue;
    }
    const body = message.body;
    try {
      const database = await inv.storeDb(body.storeId);
      if (database && body.kind === 'cards') await runCardsJob(database.db, inv.env.ARCHIVE, body.storeId, body.date, inv.now);
      else if (database) await runDailyJob(database.db, body.storeId, body.date, inv.now);
      message.ack();
    } catch (error) {
      // A day that has not ended will not end by retrying now: the hourly cron sends it again later.
      if (error instanceof AppError && error.code === 'invalid_request') {
        console.error(JSON.stringify({ level: 'error', msg: 'daily job refused', body: message.body, error: error.message }));
        message.ack();
      } else fail(inv.env, message, error);
    }
  }
}

/** Archiving past the hot window, a chunk per store; a store with more left goes back on the queue. */
async function handleArchive(inv: Invocation, messages: Of<'archive'>[]) {
  const stores = [...new Map(messages.map((m) => [m.body.storeId, m])).values()];
  for (const m of messages) if (!stores.includes(m)) m.ack();
  for (const message of stores) {
    if (!inv.hasRoom(ARCHIVE_QUERIES)) {
      await requeue(inv.env, [message]);
      continue;
    }
    try {
      const database = await inv.storeDb(message.body.storeId);
      const archived = database ? await archiveConversations(database.db, inv.env.ARCHIVE, message.body.storeId, inv.now) : 0;
      if (archived >= ARCHIVE_CHUNK) await requeue(inv.env, [message]);
      else message.ack();
    } catch (error) {
      fail(inv.env, message, error);
    }
  }
}

/** Retention that did not fit its hourly run, continued round by round while the budget allows; what is left goes back on the queue. */
async function handleRetention(inv: Invocation, messages: Of<'retention'>[]) {
  for (const message of messages) {
    try {
      const database = await inv.storeDb(message.body.storeId);
      const result = database ? await retainStoreById(database.db, inv.env.ARCHIVE, message.body.storeId, inv.now, () => inv.hasRoom(RETENTION_ROUND_QUERIES)) : { done: true };
      if (result.done) message.ack();
      else await requeue(inv.env, [message]);
    } catch (error) {
      fail(inv.env, message, error);
    }
  }
}

/**
 * Dead letters: deliveries whose tries ran out, recorded with where their archived copy is so an
 * operator can replay them. One the queue itself dead-lettered (it never got as far as being
 * archived) is archived here first.
 */
async function handleDeadLetters(inv: Invocation, messages: readonly Msg[]) {
  for (const message of messages) if (message.body.kind !== 'webhook') {
    console.error(JSON.stringify({ level: 'error', msg: 'dead letter', body: message.body }));
    message.ack();
  }
  const deliveries = messages.filter((m): m is Of<'webhook'> => m.body.kind === 'webhook');
  const unarchived = new Map<string, Of<'webhook'>[]>();
  for (const m of deliveries) if (!m.body.archived) unarchived.set(m.body.storeId, [...(unarchived.get(m.body.storeId) ?? []), m]);
  const keys = new Map(deliveries.map((m) => [m.body.uid, m.body.archived]));
  for (const [storeId, group] of unarchived) {
    const key = await archiveDeliveries(inv.env.ARCHIVE, storeId, group.map((m) => archivedDelivery(m.body)));
    for (const m of group) keys.set(m.body.uid, key);
  }
  const byDb = new Map<string, { db: NonNullable<Awaited<ReturnType<Invocation['storeDb']>>>['db']; items: Of<'webhook'>[] }>();
  for (const m of deliveries) {
    const database = await inv.storeDb(m.body.storeId);
    if (!database) {
      console.error(JSON.stringify({ level: 'error', msg: 'dead letter of an unknown store', uid: m.body.uid, archive: keys.get(m.body.uid) }));
      m.ack();
      continue;
    }
    const group = byDb.get(database.name) ?? { db: database.db, items: [] };
    group.items.push(m);
    byDb.set(database.name, group);
  }
  for (const { db, items } of byDb.values()) {
    const statements = items.flatMap((m) => recordDead(db, { ...m.body, lastError: m.body.lastError ?? 'retries exhausted' } as DeliveryMessage, keys.get(m.body.uid)!, inv.now));
    await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
    for (const m of items) m.ack();
  }
}

/**
 * One queue batch: webhook deliveries first (they hold the customer-facing data), then scoring, then
 * daily jobs, archiving and retention, all counted against D1's per-invocation query limit.
 */
export async function handleQueueBatch(batch: MessageBatch<QueueMessage>, env: Env, now = Date.now()) {
  const inv = startInvocation(env, now);
  const of = <K extends QueueMessage['kind']>(kind: K) => batch.messages.filter((m) => m.body.kind === kind) as Of<K>[];
  if (batch.queue.endsWith('-dlq')) return handleDeadLetters(inv, batch.messages);
  await handleDeliveries(inv, of('webhook'));
  await handleScoring(inv, of('autoqa'));
  await handleDaily(inv, [...of('daily'), ...of('cards')]);
  await handleArchive(inv, of('archive'));
  await handleRetention(inv, of('retention'));
}
