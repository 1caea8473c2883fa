import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Env, QueueMessage } from '../../src/env';
import { handleQueueBatch } from '../../src/jobs/queue';
import { expectConverges, faultDeliveries, faultStore, referenceDump, sendAll } from '../helpers/fault-day';
import { acceptedCount, expectDeliveryInvariant, injectWriteFault, settled } from '../helpers/faults';

/**
 * Faults inside one consumer invocation, driven batch by batch so each outcome (ack or retry per
 * message) is checked exactly. The same deliveries also travel the real queue meanwhile; the
 * writes are idempotent, so whichever path writes first, the end state must be the reference one.
 */
async function runBatch(messages: { rawEventId: string; storeId: string }[], attempts: number, worker: Env = env) {
  const batch = createMessageBatch<QueueMessage>(
    'shopqa-ingest',
    messages.map((m, i) => ({ id: `m-${i}`, timestamp: new Date(), attempts, body: { kind: 'webhook', storeId: m.storeId, rawEventId: m.rawEventId } })),
  );
  await handleQueueBatch(batch, worker);
  return getQueueResult(batch, createExecutionContext());
}

async function rawEvents(connectionId: string) {
  return (await env.DB.prepare("select id as rawEventId, store_id as storeId from raw_events where connection_id = ? and status != 'ignored' order by id").bind(connectionId).all<{ rawEventId: string; storeId: string }>()).results;
}

describe('a D1 error on one statement of a batch', () => {
  it('holds back only the delivery it hit; its retry writes it once, and the state is the fault-free one', async () => {
    const tag = 'onestmt';
    const expected = await referenceDump(tag);
    const store = await faultStore(tag);
    const { deliveries, poison } = faultDeliveries(tag);
    const fault = await injectWriteFault('fault_onestmt', 'messages', poison, 'disk I/O error');
    let accepted: number;
    try {
      accepted = acceptedCount(await sendAll(store.connection, deliveries));
      const messages = await rawEvents(store.connection.id);
      const first = await runBatch(messages, 1);
      // The batch's combined write failed; each delivery was then written alone: only the faulty one waits.
      expect(first.retryMessages).toHaveLength(1);
      expect(first.explicitAcks).toHaveLength(messages.length - 1);
      expect(await env.DB.prepare('select count(*) as n from messages where connection_id = ? and external_id = ?').bind(store.connection.id, poison).first('n')).toBe(0);
    } finally {
      await fault.remove();
    }
    const retried = await runBatch(await rawEvents(store.connection.id), 2);
    expect(retried.retryMessages).toHaveLength(0);
    await expectDeliveryInvariant(store.connection.id, accepted);
    await expectConverges(store.storeId, expected);
  }, 60_000);
});

describe('a consumer that fails after its writes, before it acknowledges', () => {
  it('is retried, rewrites nothing twice, and still sends the ended conversations to scoring', async () => {
    const tag = 'midbatch';
    const expected = await referenceDump(tag);
    const store = await faultStore(tag);
    const accepted = acceptedCount(await sendAll(store.connection, faultDeliveries(tag).deliveries));
    await settled(store.connection.id);
    const messages = await rawEvents(store.connection.id);
    // The queue refuses the scoring messages: the D1 batch has committed, the consumer then throws.
    const brokenQueue = { send: () => Promise.reject(new Error('queue unavailable')), sendBatch: () => Promise.reject(new Error('queue unavailable')) };
    const crashed = await runBatch(messages, 1, { ...env, INGEST_QUEUE: brokenQueue as unknown as Env['INGEST_QUEUE'] });
    // Every delivery whose conversation is closed by now needs the queue after its write (to re-score
    // it): those 7 are retried; the one for the conversation still open is done.
    expect(crashed.retryMessages).toHaveLength(7);
    expect(crashed.explicitAcks).toHaveLength(messages.length - 7);
    const retried = await runBatch(messages.filter((_, i) => crashed.retryMessages.some((r) => r.msgId === `m-${i}`)), 2);
    expect(retried.explicitAcks).toHaveLength(7);
    await expectDeliveryInvariant(store.connection.id, accepted);
    await expectConverges(store.storeId, expected);
  }, 60_000);
});
