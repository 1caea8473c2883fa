/**
 * Webhook deliveries of one queue batch: archive and write side by side, then settle each message.
 *
 * The batch's new deliveries go to one R2 object per store, whose key is chosen first, so the D1 writes
 * need not wait for it. A message is settled only once both are known: if its archive object could not
 * be written, the queue retries it as it came (still unarchived; its writes, idempotent and counted
 * once, run again harmlessly). Otherwise it is never retried by the queue: it is acked and, when it must
 * run again (a failure, or no room left in this invocation), sent again as a new message that names its
 * archive object, so no try archives it twice. The consumer counts the tries itself and hands a
 * delivery to the dead-letter queue when they run out.
 */
import { archiveDeliveries, archiveKeyFor } from '../archive/deliveries';
import type { Db } from '../db/client';
import type { Env } from '../env';
import { countFailure, processDeliveries, STATEMENT_BUDGET, type ProcessOutcome } from '../ingest/consumer';
import { archivedDelivery, type DeliveryMessage } from '../ingest/delivery';
import { enqueueScoring } from './enqueue-scoring';
import { byDatabase, retryDelay, type Invocation } from './invocation';
import { sendAll } from './send';

type Msg = Message<DeliveryMessage>;

/** What becomes of a message once its archive object is known to be written. */
type Outcome = { kind: 'done' } | { kind: 'again' } | { kind: 'failed'; error: unknown } | { kind: 'unknown store' };

/** Tries before a delivery goes to the dead-letter queue (as the queue's own max_retries = 5 would). */
const maxTries = (env: Env) => Number(env.INGEST_MAX_TRIES ?? 6);

export async function handleDeliveries(inv: Invocation, messages: Msg[]) {
  if (!messages.length) return;
  const { keys, writes } = planArchive(messages);
  const archiving = Promise.all(
    writes.map(({ storeId, key, batch }) =>
      archiveDeliveries(
        inv.env.ARCHIVE,
        storeId,
        batch.map((m) => archivedDelivery(m.body)),
        key,
      ).then(
        () => null,
        (error) => {
          console.error(JSON.stringify({ level: 'error', msg: 'archive failed', storeId, error: String(error) }));
          return storeId;
        },
      ),
    ),
  );
  const outcomes = new Map<string, Outcome>();
  const writing = (async () => {
    const { groups, unknown } = await byDatabase(
      inv,
      messages.map((m) => ({ storeId: m.body.storeId, m })),
    );
    // A store the directory no longer knows: nothing can be written; the archive keeps the delivery.
    for (const { m } of unknown) outcomes.set(m.body.uid, { kind: 'unknown store' });
    for (const group of groups)
      await writeGroup(
        inv,
        group.db,
        group.items.map((i) => i.m),
        keys,
        outcomes,
      );
  })();
  const [failedStores] = await Promise.all([archiving, writing]);
  const unarchived = new Set(failedStores.filter((s): s is string => s !== null));

  const again: Msg[] = [];
  for (const m of messages) {
    if (unarchived.has(m.body.storeId) && !m.body.archived) {
      m.retry({ delaySeconds: retryDelay(inv.env, m.attempts) });
      continue;
    }
    const outcome = outcomes.get(m.body.uid) ?? { kind: 'again' };
    const key = keys.get(m.body.uid)!;
    if (outcome.kind === 'done') m.ack();
    else if (outcome.kind === 'again') again.push(m);
    else if (outcome.kind === 'failed') await failed(inv, m, key, outcome.error);
    else await giveUp(inv, m, key, 'unknown store');
  }
  // Over this invocation's query budget: back on the queue as new messages, tries unchanged.
  if (again.length) {
    await sendAll(
      inv.env.INGEST_QUEUE,
      again.map((m) => ({ body: { ...m.body, archived: keys.get(m.body.uid)! } })),
    );
    for (const m of again) m.ack();
  }
}

/** The archive object of every delivery: the one it names, or a new one per store for those not archived yet. */
function planArchive(messages: Msg[]) {
  const keys = new Map<string, string>();
  const byStore = new Map<string, Msg[]>();
  for (const m of messages) {
    if (m.body.archived) keys.set(m.body.uid, m.body.archived);
    else byStore.set(m.body.storeId, [...(byStore.get(m.body.storeId) ?? []), m]);
  }
  const writes = [...byStore].map(([storeId, batch]) => {
    const key = archiveKeyFor(
      storeId,
      batch.map((m) => m.body),
    );
    for (const m of batch) keys.set(m.body.uid, key);
    return { storeId, key, batch };
  });
  return { keys, writes };
}

/** Writes a database's deliveries together; if that fails, each alone, so one bad delivery waits on its own. */
async function writeGroup(inv: Invocation, db: Db, messages: Msg[], keys: Map<string, string>, outcomes: Map<string, Outcome>) {
  const bodies = (list: Msg[]) => list.map((m) => ({ ...m.body, archived: keys.get(m.body.uid)! }));
  try {
    await settle(inv, messages, await processDeliveries(db, inv.env.ARCHIVE, bodies(messages)), outcomes);
    return;
  } catch (error) {
    if (messages.length === 1) return void outcomes.set(messages[0]!.body.uid, { kind: 'failed', error });
  }
  for (const m of messages) {
    // Alone, a delivery may still write up to the statement budget: stop before the invocation's limit.
    if (!inv.hasRoom(STATEMENT_BUDGET + 20)) {
      outcomes.set(m.body.uid, { kind: 'again' });
      continue;
    }
    try {
      await settle(inv, [m], await processDeliveries(db, inv.env.ARCHIVE, bodies([m])), outcomes);
    } catch (error) {
      outcomes.set(m.body.uid, { kind: 'failed', error });
    }
  }
}

/** Sends the ended conversations to scoring; the written deliveries are done, the deferred go again. */
async function settle(inv: Invocation, messages: Msg[], outcome: ProcessOutcome, outcomes: Map<string, Outcome>) {
  const byStore = new Map<string, string[]>();
  for (const c of outcome.closed) byStore.set(c.storeId, [...(byStore.get(c.storeId) ?? []), c.conversationId]);
  for (const [storeId, conversationIds] of byStore) await enqueueScoring(inv.env.INGEST_QUEUE, storeId, conversationIds);
  const deferred = new Set(outcome.deferred);
  for (const m of messages) outcomes.set(m.body.uid, { kind: deferred.has(m.body.uid) ? 'again' : 'done' });
}

async function failed(inv: Invocation, m: Msg, archiveKey: string, error: unknown) {
  const tries = (m.body.tries ?? 0) + 1;
  const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  console.error(JSON.stringify({ level: 'error', msg: 'delivery failed', uid: m.body.uid, tries, error: lastError }));
  const database = await inv.storeDb(m.body.storeId);
  if (database) await countFailure(database.db, m.body).catch(() => undefined);
  try {
    if (tries >= maxTries(inv.env)) return await giveUp(inv, m, archiveKey, lastError);
    await sendAll(inv.env.INGEST_QUEUE, [{ body: { ...m.body, archived: archiveKey, tries, lastError }, delaySeconds: retryDelay(inv.env, tries) }]);
    m.ack();
  } catch (sendError) {
    // The queue itself is failing: leave the message to the queue's own retries (unarchived as it
    // came, so at worst a second copy is archived; the ledger still counts it once).
    console.error(JSON.stringify({ level: 'error', msg: 'delivery re-send failed', uid: m.body.uid, error: String(sendError) }));
    m.retry({ delaySeconds: retryDelay(inv.env, m.attempts) });
  }
}

async function giveUp(inv: Invocation, m: Msg, archiveKey: string, lastError: string) {
  await sendAll(inv.env.DEAD_LETTERS, [{ body: { ...m.body, archived: archiveKey, lastError } }]);
  m.ack();
}
