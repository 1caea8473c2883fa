import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, OPERATOR_TOKEN } from '../helpers/api';
import { expectConverges, faultDeliveries, faultStore, referenceDump, sendAll } from '../helpers/fault-day';
import { acceptedCount, expectDeliveryInvariant, injectWriteFault, settled } from '../helpers/faults';
import { dumpStore } from '../helpers/store-dump';

/**
 * A poison message through the real queues: the consumer fails on it every time, Queues retry it
 * max_retries times (wrangler.toml), the dead-letter consumer marks it dead, and after the cause
 * is fixed an operator replay restores exactly the state a fault-free run reaches.
 */
const replay = (connectionId: string, includeProcessed: boolean) =>
  call('POST', '/v1/operator/replay', { token: OPERATOR_TOKEN, body: { connectionId, from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', includeProcessed } });

describe('a poison message', () => {
  it('is retried, dead-lettered, and replayed into exactly the fault-free state', async () => {
    const tag = 'poison';
    const expected = await referenceDump(tag);
    const store = await faultStore(tag);
    const { deliveries, poison } = faultDeliveries(tag);
    const fault = await injectWriteFault('fault_poison', 'messages', poison, 'poison payload');
    let accepted: number;
    try {
      accepted = acceptedCount(await sendAll(store.connection, deliveries));
      // Everything else is written; the poison delivery ends dead once its retries are spent.
      const counts = await settled(store.connection.id, 40_000);
      expect(counts.dead).toBe(1);
      await expectDeliveryInvariant(store.connection.id, accepted, 1);
      const dead = await env.DB.prepare("select attempts, last_error from raw_events where connection_id = ? and status = 'dead'").bind(store.connection.id).first<{ attempts: number; last_error: string }>();
      // The first delivery and max_retries (5) retries each failed, then the dead-letter consumer recorded it.
      expect(dead!.attempts).toBeGreaterThanOrEqual(6);
      expect(dead!.last_error).toBe('retries exhausted');
      expect(await env.DB.prepare('select count(*) as n from messages where connection_id = ? and external_id = ?').bind(store.connection.id, poison).first('n')).toBe(0);
    } finally {
      await fault.remove();
    }

    // The cause is fixed: replaying what was not processed brings the dead delivery back, and the
    // conversation it completes is scored again over all its messages.
    const replayed = await replay(store.connection.id, false);
    expect(replayed.json).toEqual({ enqueued: 1 });
    await expectDeliveryInvariant(store.connection.id, accepted, 0);
    await expectConverges(store.storeId, expected);

    // Replaying everything again changes nothing but the times the work ran.
    const exact = await dumpStore(store.storeId);
    const replayedAt = Date.now();
    expect((await replay(store.connection.id, true)).json.enqueued).toBe(accepted - 1);
    await expectDeliveryInvariant(store.connection.id, accepted, 0);
    const stale = await env.DB.prepare("select count(*) as n from raw_events where connection_id = ? and status = 'processed' and processed_at < ?").bind(store.connection.id, replayedAt).first('n');
    expect(stale).toBe(0);
    await expectConverges(store.storeId, expected);
    const strip = (dump: string) => dump.replace(/\\"(processed_at|scored_at)\\":\d+/g, '');
    expect(strip(await dumpStore(store.storeId))).toBe(strip(exact));
  }, 90_000);
});
