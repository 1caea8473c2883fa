import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, OPERATOR_TOKEN } from '../helpers/api';
import { expectConverges, faultDeliveries, faultStore, referenceDump, sendAll } from '../helpers/fault-day';
import { acceptedCount, deliveryCounts, expectDeliveryInvariant, injectWriteFault, settled } from '../helpers/faults';
import { dumpStore } from '../helpers/store-dump';
import { storeDb } from '../helpers/stores';

/**
 * A poison message through the real queues: the consumer fails on it every time, tries it again
 * until its tries run out (INGEST_MAX_TRIES), hands it to the dead-letter queue, whose consumer
 * records it dead, and after the cause is fixed an operator replay from the archive restores exactly
 * the state a fault-free run reaches.
 */
const replay = (connectionId: string, includeProcessed: boolean) =>
  call('POST', '/v1/operator/replay', { token: OPERATOR_TOKEN, body: { connectionId, from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', includeProcessed } });

describe('a poison message', () => {
  it('is retried, dead-lettered, and replayed into exactly the fault-free state', async () => {
    const tag = 'poison';
    const expected = await referenceDump(tag);
    const store = await faultStore(tag);
    const db = await storeDb(store.storeId);
    const { deliveries, poison } = faultDeliveries(tag);
    const fault = await injectWriteFault(db, 'fault_poison', 'messages', poison, 'poison payload');
    let accepted: number;
    try {
      accepted = acceptedCount(await sendAll(store.connection, deliveries));
      // Everything else is written; the poison delivery ends dead once its retries are spent.
      const counts = await settled(store.connection.id, 40_000);
      expect(counts.dead).toBe(1);
      await expectDeliveryInvariant(store.connection.id, accepted, 1);
      const dead = await db.prepare('select archive_key, last_error from dead_deliveries where connection_id = ?').bind(store.connection.id).first<{ archive_key: string; last_error: string }>();
      // Every try failed (INGEST_MAX_TRIES = 3 in the tests), then the dead-letter consumer recorded it
      // with the last error and the archive object that holds it.
      expect((await deliveryCounts(store.connection.id)).failedTries).toBeGreaterThanOrEqual(Number(env.INGEST_MAX_TRIES));
      expect(dead!.last_error).toContain('poison payload');
      expect(await env.ARCHIVE.head(dead!.archive_key)).not.toBeNull();
      expect(await db.prepare('select count(*) as n from messages where external_id = ?').bind(poison).first('n')).toBe(0);
    } finally {
      await fault.remove();
    }

    // The cause is fixed: replaying what was not processed brings the dead delivery back, and the
    // conversation it completes is scored again over all its messages.
    const replayed = await replay(store.connection.id, false);
    expect(replayed.json).toEqual({ enqueued: 1, next: null });
    await expectDeliveryInvariant(store.connection.id, accepted, 0);
    await expectConverges(store.storeId, expected);

    // Replaying everything again (every archived delivery, the ignored one too) changes nothing but
    // the times the work ran: no row, no count.
    const exact = await dumpStore(store.storeId);
    expect((await replay(store.connection.id, true)).json.enqueued).toBe(accepted);
    await new Promise((r) => setTimeout(r, 3000));
    await expectDeliveryInvariant(store.connection.id, accepted, 0);
    await expectConverges(store.storeId, expected);
    const strip = (dump: string) => dump.replace(/\\"(qa_scored_at|archived_at|last_received_at|failed_tries)\\":\d+/g, '');
    expect(strip(await dumpStore(store.storeId))).toBe(strip(exact));
  }, 90_000);
});
