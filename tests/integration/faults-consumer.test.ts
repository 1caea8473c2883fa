import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Env, QueueMessage } from '../../src/env';
import type { DeliveryMessage } from '../../src/ingest/delivery';
import { handleQueueBatch } from '../../src/jobs/queue';
import { expectConverges, faultDeliveries, faultStore, referenceDump, sendAll } from '../helpers/fault-day';
import { acceptedCount, deliveryCounts, expectDeliveryInvariant, injectWriteFault, settled } from '../helpers/faults';
import { archivedDeliveries, storeDb } from '../helpers/stores';

/**
 * Faults inside one consumer invocation, driven batch by batch so each outcome (ack or retry per
 * message) is checked exactly. The same deliveries also travel the real queue meanwhile; the
 * writes are idempotent and the ledger counts each delivery once, so whichever path writes first,
 * the end state and the counts must be the reference ones.
 */
async function runBatch(messages: DeliveryMessage[], attempts: number, worker: Env = env) {
  const batch = createMessageBatch<QueueMessage>(
    'shopqa-ingest',
    messages.map((body, i) => ({ id: `m-${i}`, timestamp: new Date(), attempts, body })),
  );
  await handleQueueBatch(batch, worker);
  return getQueueResult(batch, createExecutionContext());
}

/** The connection's deliveries as the queue carries them once archived (the archive is the record now). */
async function queued(storeId: string, connectionId: string): Promise<DeliveryMessage[]> {
  const lines = await archivedDeliveries(storeId, connectionId);
  const ignored = (body: string | undefined) => body?.includes('conversation.typing');
  return lines
    .filter((d) => !ignored(d.body))
    .sort((a, b) => (a.uid < b.uid ? -1 : 1))
    .map(({ key, ...d }) => ({ kind: 'webhook', storeId, platform: 'generic', ...d, archived: key }) as DeliveryMessage);
}

describe('a D1 error on one statement of a batch', () => {
  it('holds back only the delivery it hit; its next try writes it once, and the state is the fault-free one', async () => {
    const tag = 'onestmt';
    const expected = await referenceDump(tag);
    const store = await faultStore(tag);
    const db = await storeDb(store.storeId);
    const { deliveries, poison } = faultDeliveries(tag);
    const fault = await injectWriteFault(db, 'fault_onestmt', 'messages', poison, 'disk I/O error');
    let accepted: number;
    try {
      accepted = acceptedCount(await sendAll(store.connection, deliveries));
      await settled(store.connection.id).catch(() => undefined);
      const messages = await queued(store.storeId, store.connection.id);
      const failedBefore = (await deliveryCounts(store.connection.id)).failedTries;
      const first = await runBatch(messages, 1);
      // The batch's combined write failed; each delivery was then written alone: only the faulty one
      // waits, sent again as a new message (not a queue retry, so it is not archived twice).
      expect(first.retryMessages).toHaveLength(0);
      expect(first.explicitAcks).toHaveLength(messages.length);
      expect((await deliveryCounts(store.connection.id)).failedTries).toBeGreaterThan(failedBefore);
      expect(await db.prepare('select count(*) as n from messages where external_id = ?').bind(poison).first('n')).toBe(0);
    } finally {
      await fault.remove();
    }
    await expectDeliveryInvariant(store.connection.id, accepted);
    await expectConverges(store.storeId, expected);
  }, 60_000);
});

describe('a consumer that fails after its writes, before it acknowledges', () => {
  it('is retried, counts and rewrites nothing twice, and still sends the ended conversations to scoring', async () => {
    const tag = 'midbatch';
    const expected = await referenceDump(tag);
    const store = await faultStore(tag);
    const accepted = acceptedCount(await sendAll(store.connection, faultDeliveries(tag).deliveries));
    await settled(store.connection.id);
    const messages = await queued(store.storeId, store.connection.id);
    // The queue refuses the scoring messages: the D1 batch has committed, the consumer then throws.
    const brokenQueue = { send: () => Promise.reject(new Error('queue unavailable')), sendBatch: () => Promise.reject(new Error('queue unavailable')) };
    const crashed = await runBatch(messages, 1, { ...env, INGEST_QUEUE: brokenQueue as unknown as Env['INGEST_QUEUE'] });
    // Every delivery whose conversation is closed by now needs the queue after its write (to re-score
    // it): those 8 (the redelivery of d1 is a delivery of its own) are left to the queue's own
    // retries; the one for the conversation still open is done.
    expect(crashed.retryMessages).toHaveLength(8);
    expect(crashed.explicitAcks).toHaveLength(messages.length - 8);
    const retried = await runBatch(
      messages.filter((_, i) => crashed.retryMessages.some((r) => r.msgId === `m-${i}`)),
      2,
    );
    expect(retried.explicitAcks).toHaveLength(8);
    await expectDeliveryInvariant(store.connection.id, accepted);
    await expectConverges(store.storeId, expected);
  }, 60_000);
});
