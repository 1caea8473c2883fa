/**
 * Webhook deliveries of one queue batch: archive, then write, then settle each message.
 *
 * Archive first: one R2 object per store holds the batch's new deliveries, so every accepted delivery
 * is kept before anything can fail. A message is then never retried by the queue: it is acked and,
 * when it must run again (a failure, or no room left in this invocation), sent again as a new message
 * that names its archive object, so no try archives it twice. The consumer counts the tries itself
 * and hands a delivery to the dead-letter queue when they run out.
 */
import { archiveDeliveries } from '../archive/deliveries';
import type { Env } from '../env';
import { countFailure, processDeliveries, STATEMENT_BUDGET } from '../ingest/consumer';
import { archivedDelivery, type DeliveryMessage } from '../ingest/delivery';
import { enqueueScoring } from './enqueue-scoring';
import { byDatabase, retryDelay, type Invocation } from './invocation';
import { sendAll } from './send';

type Msg = Message<DeliveryMessage>;

/** Tries before a delivery goes to the dead-letter queue (as the queue's own max_retries = 5 would). */
const maxTries = (env: Env) => Number(env.INGEST_MAX_TRIES ?? 6);

export async function handleDeliveries(inv: Invocation, messages: Msg[]) {
  if (!messages.length) return;
  const archived = await archiveNew(inv.env, messages);
  const pending = messages.filter((m) => archived.has(m.body.uid));
  const { groups, unknown } = await byDatabase(
    inv,
    pending.map((m) => ({ storeId: m.body.storeId, m })),
  );
  // A store the directory no longer knows: nothing can be written; the archive keeps the delivery.
  for (const { m } of unknown) await giveUp(inv, m, archived.get(m.body.uid)!, 'unknown store');
  for (const group of groups)
    await writeGroup(
      inv,
      group.db,
      group.items.map((i) => i.m),
      archived,
    );
}

/**
 * Archives the deliveries not archived yet, one object per store. If an object cannot be written, its
 * messages are retried by the queue as they are (still unarchived), so the next try archives them.
 */
async function archiveNew(env: Env, messages: Msg[]) {
  const keys = new Map<string, string>();
  const byStore = new Map<string, Msg[]>();
  for (const m of messages) {
    if (m.body.archived) keys.set(m.body.uid, m.body.archived);
    else byStore.set(m.body.storeId, [...(byStore.get(m.body.storeId) ?? []), m]);
  }
  for (const [storeId, group] of byStore) {
    try {
      const key = await archiveDeliveries(
        env.ARCHIVE,
        storeId,
        group.map((m) => archivedDelivery(m.body)),
      );
      for (const m of group) keys.set(m.body.uid, key);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', msg: 'archive failed', storeId, error: String(error) }));
      for (const m of group) m.retry({ delaySeconds: retryDelay(env, m.attempts) });
    }
  }
  return keys;
}

/** Writes a database's deliveries together; if that fails, each alone, so one bad delivery waits on its own. */
async function writeGroup(inv: Invocation, db: Parameters<typeof processDeliveries>[0], messages: Msg[], archived: Map<string, string>) {
  const bodies = () => messages.map((m) => ({ ...m.body, archived: archived.get(m.body.uid)! }));
  try {
    await settle(inv, messages, await processDeliveries(db, inv.env.ARCHIVE, bodies()), archived);
    return;
  } catch (error) {
    if (messages.length === 1) return failed(inv, messages[0]!, archived.get(messages[0]!.body.uid)!, error);
  }
  for (const [i, m] of messages.entries()) {
    // Alone, a delivery may still write up to the statement budget: stop before the invocation's limit.
    if (!inv.hasRoom(STATEMENT_BUDGET + 20)) {
      await again(inv, messages.slice(i), archived);
      return;
    }
    try {
      await settle(inv, [m], await processDeliveries(db, inv.env.ARCHIVE, [{ ...m.body, archived: archived.get(m.body.uid)! }]), archived);
    } catch (error) {
      await failed(inv, m, archived.get(m.body.uid)!, error);
    }
  }
}

async function settle(inv: Invocation, messages: Msg[], outcome: Awaited<ReturnType<typeof processDeliveries>>, archived: Map<string, string>) {
  // Deliveries over this invocation's query budget go back on the queue as new messages, tries unchanged.
  const deferred = new Set(outcome.deferred);
  await again(
    inv,
    messages.filter((m) => deferred.has(m.body.uid)),
    archived,
  );
  const byStore = new Map<string, string[]>();
  for (const c of outcome.closed) byStore.set(c.storeId, [...(byStore.get(c.storeId) ?? []), c.conversationId]);
  for (const [storeId, conversationIds] of byStore) await enqueueScoring(inv.env.INGEST_QUEUE, storeId, conversationIds);
  for (const m of messages) if (!deferred.has(m.body.uid)) m.ack();
}

/** Sends messages again as new ones naming their archive object, and acks the originals. */
async function again(inv: Invocation, messages: Msg[], archived: Map<string, string>, delaySeconds?: number) {
  if (!messages.length) return;
  await sendAll(
    inv.env.INGEST_QUEUE,
    messages.map((m) => ({ body: { ...m.body, archived: archived.get(m.body.uid)! }, delaySeconds })),
  );
  for (const m of messages) m.ack();
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
