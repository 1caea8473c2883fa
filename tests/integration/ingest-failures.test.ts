import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { QueueMessage } from '../../src/env';
import { getDb } from '../../src/db/client';
import { processDeliveries } from '../../src/ingest/consumer';
import type { DeliveryMessage } from '../../src/ingest/delivery';
import { handleQueueBatch } from '../../src/jobs/queue';
import { call, createConnection, createTestStore, OPERATOR_TOKEN } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';
import { archivedDeliveries, countIn, hotMessages, storeDb } from '../helpers/stores';

/** Sums of the consumer's per-day counts for a connection. */
async function counts(db: D1Database, connectionId: string) {
  return (await db
    .prepare(
      'select coalesce(sum(processed), 0) as processed, coalesce(sum(ignored), 0) as ignored, coalesce(sum(dead), 0) as dead, coalesce(sum(failed_tries), 0) as failed from delivery_counts where connection_id = ?',
    )
    .bind(connectionId)
    .first<{ processed: number; ignored: number; dead: number; failed: number }>())!;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A fault in the middle of a delivery's writes: inserting a message with the external id 'boom' fails,
 * and while `fault` holds a row, so does every message insert (a transient outage).
 */
async function injectFaults(db: D1Database) {
  await db.prepare('create table if not exists fault (on_ integer)').run();
  await db
    .prepare("create trigger if not exists fail_boom before insert on messages when new.external_id = 'boom' begin select raise(abort, 'disk on fire'); end")
    .run();
  await db
    .prepare(
      "create trigger if not exists fail_all before insert on messages when exists (select 1 from fault) begin select raise(abort, 'database unavailable'); end",
    )
    .run();
  return {
    outage: (on: boolean) => db.prepare(on ? 'insert into fault values (1)' : 'delete from fault').run(),
    clear: async () => {
      await db.prepare('drop trigger if exists fail_boom').run();
      await db.prepare('drop trigger if exists fail_all').run();
      await db.prepare('delete from fault').run();
    },
  };
}

describe('a consumer that fails part-way', () => {
  it('writes nothing, tries again, and then writes everything exactly once, archived once', async () => {
    const { storeId, apiKey } = await createTestStore();
    const db = await storeDb(storeId);
    const connection = await createConnection(apiKey, 'generic');
    const faults = await injectFaults(db);
    await faults.outage(true);
    try {
      const res = await sendGeneric(connection, {
        events: [
          ev.opened('conv-f', 0),
          ev.message('conv-f', 'fine', 'customer', '在吗', 0, 5),
          ev.message('conv-f', 'ok', 'agent', '在的', 0, 20),
          ev.closed('conv-f', 5),
        ],
      });
      expect(res.status).toBe(202);
      await until(async () => (await counts(db, connection.id)).failed >= 1, 'a failed try');
      // The failed try wrote nothing: the whole delivery is one D1 batch.
      expect(await countIn(db, 'select count(*) as n from conversations where connection_id = ?', connection.id)).toBe(0);
    } finally {
      await faults.clear();
    }
    await drained(connection.id);
    expect(await counts(db, connection.id)).toMatchObject({ processed: 1, dead: 0 });
    expect(await countIn(db, 'select count(*) as n from conversations where connection_id = ?', connection.id)).toBe(1);
    expect(await hotMessages(connection.id)).toBe(2);
    // However many tries it took, the delivery was archived once.
    expect(await archivedDeliveries(storeId, connection.id)).toHaveLength(1);
  }, 30_000);

  it('marks a delivery dead when its tries run out, and replay from the archive brings it back', async () => {
    const { storeId, apiKey } = await createTestStore();
    const db = await storeDb(storeId);
    const connection = await createConnection(apiKey, 'generic');
    const faults = await injectFaults(db);
    let uid = '';
    try {
      const res = await sendGeneric(connection, {
        events: [ev.message('conv-dead', 'dm1', 'customer', '你好', 0), ev.message('conv-dead', 'boom', 'agent', '您好', 0, 10)],
      });
      expect(res.status).toBe(202);
      uid = res.json.id;
      await drained(connection.id);
    } finally {
      await faults.clear();
    }
    expect(await counts(db, connection.id)).toMatchObject({ processed: 0, dead: 1, failed: 3 });
    const dead = await db
      .prepare('select uid, archive_key, last_error from dead_deliveries where connection_id = ?')
      .bind(connection.id)
      .all<{ uid: string; archive_key: string; last_error: string }>();
    expect(dead.results).toHaveLength(1);
    expect(dead.results[0]).toMatchObject({ uid, last_error: expect.stringContaining('disk on fire') });
    expect((await archivedDeliveries(storeId, connection.id)).map((d) => d.key)).toEqual([dead.results[0]!.archive_key]);
    expect(await hotMessages(connection.id)).toBe(0);

    const replay = await call('POST', '/v1/operator/replay', {
      token: OPERATOR_TOKEN,
      body: { connectionId: connection.id, from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', includeProcessed: false },
    });
    expect(replay.status).toBe(202);
    expect(replay.json).toMatchObject({ enqueued: 1, next: null });
    await until(async () => (await counts(db, connection.id)).processed === 1, 'the replayed delivery');
    expect(await counts(db, connection.id)).toMatchObject({ processed: 1, dead: 0 });
    expect(await countIn(db, 'select count(*) as n from dead_deliveries where connection_id = ?', connection.id)).toBe(0);
    expect(await hotMessages(connection.id)).toBe(2);
    // Replaying again changes nothing: no second count, no second copy.
    await call('POST', '/v1/operator/replay', {
      token: OPERATOR_TOKEN,
      body: { connectionId: connection.id, from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' },
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await counts(db, connection.id)).toMatchObject({ processed: 1, dead: 0 });
    expect(await hotMessages(connection.id)).toBe(2);
    expect(await archivedDeliveries(storeId, connection.id)).toHaveLength(1);
  }, 30_000);

  it('validates replay input', async () => {
    const bad = (body: unknown) => call('POST', '/v1/operator/replay', { token: OPERATOR_TOKEN, body });
    expect((await bad({ connectionId: 'cn_x', from: 'yesterday', to: '2100-01-01T00:00:00Z' })).json.error.field).toBe('from');
    expect((await bad({ connectionId: 'cn_x', from: '2100-01-01T00:00:00Z', to: '2000-01-01T00:00:00Z' })).json.error.field).toBe('to');
    expect((await bad({ connectionId: 'cn_missing', from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' })).status).toBe(404);
  });
});

describe('nothing lost', () => {
  it('counts accepted = archived = processed + dead-lettered across a run with injected failures', async () => {
    const { storeId, apiKey } = await createTestStore();
    const db = await storeDb(storeId);
    const connection = await createConnection(apiKey, 'generic');
    const faults = await injectFaults(db);
    let accepted = 0;
    let poisoned = 0;
    try {
      // An outage at the start: every delivery's first try fails until it is over.
      await faults.outage(true);
      for (let i = 0; i < 24; i++) {
        const bad = i % 6 === 5;
        if (bad) poisoned++;
        const res = await sendGeneric(connection, {
          events: [
            ev.message(`conv-n${i % 8}`, `n${i}`, 'customer', '有货吗', i % 60),
            ev.message(`conv-n${i % 8}`, bad ? 'boom' : `n${i}-r`, 'agent', '有的亲', i % 60, 30),
          ],
        });
        if (res.status === 202) accepted++;
      }
      await until(async () => (await counts(db, connection.id)).failed >= 4, 'failed tries during the outage');
      await faults.outage(false);
      await drained(connection.id, 30_000);
    } finally {
      await faults.clear();
    }
    const archived = new Set((await archivedDeliveries(storeId, connection.id)).map((d) => d.uid));
    const settled = await counts(db, connection.id);
    expect(accepted).toBe(24);
    expect(archived.size).toBe(accepted);
    expect(settled.processed + settled.dead).toBe(accepted);
    expect(settled.dead).toBe(poisoned);
    expect(settled.failed).toBeGreaterThanOrEqual(4 + poisoned * 3);
    expect(await countIn(db, 'select count(*) as n from dead_deliveries where connection_id = ?', connection.id)).toBe(poisoned);
  }, 60_000);
});

function deliveryMessage(storeId: string, connectionId: string, i: number, body: unknown): DeliveryMessage {
  return {
    kind: 'webhook',
    uid: `dlv_budget_${i}`,
    storeId,
    connectionId,
    platform: 'generic',
    deliveryId: `budget-${i}`,
    receivedAt: Date.now(),
    body: JSON.stringify(body),
    archived: 'test-archive-key',
  };
}

describe('the query budget', () => {
  it('refuses a delivery with more events than one invocation can write, naming the field', async () => {
    const { apiKey } = await createTestStore();
    const connection = await createConnection(apiKey, 'generic');
    const events = Array.from({ length: 151 }, (_, i) => ev.message('big', `big-${i}`, 'customer', 'hi', 0, i % 60));
    const res = await sendGeneric(connection, { events });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'invalid_request', field: 'events' });
  });

  it('writes what fits in one invocation and sends the rest back to the queue, losing nothing', async () => {
    const { storeId, apiKey } = await createTestStore();
    const db = await storeDb(storeId);
    const connection = await createConnection(apiKey, 'generic');
    // Seven deliveries of 140 messages, each from an agent not known yet: messages are written a batch at a
    // time, but every new agent takes two statements of its own (about 280 a delivery), more than one
    // invocation's budget in all.
    const bodies = Array.from({ length: 7 }, (_, d) => ({
      events: Array.from({ length: 140 }, (_, i) => ev.message(`conv-${d}`, `m-${d}-${i}`, 'agent', '您好', 0, i % 60, { id: `agent-${d}-${i}`, name: `客服${i}` })),
    }));
    const direct = bodies.map((b, i) => deliveryMessage(storeId, connection.id, i, b));
    const outcome = await processDeliveries(getDb(db), env.ARCHIVE, direct);
    expect(outcome.done.length).toBeGreaterThanOrEqual(1);
    expect(outcome.deferred.length).toBeGreaterThanOrEqual(1);
    expect([...outcome.done, ...outcome.deferred].sort()).toEqual(direct.map((d) => d.uid).sort());

    // Through a queue batch: every message is settled (acked), the rest re-sent as new messages.
    const again = bodies.map((b, i) => deliveryMessage(storeId, connection.id, i, b));
    const batch = createMessageBatch<QueueMessage>(
      'shopqa-ingest',
      again.map((body, i) => ({ id: `b-${i}`, timestamp: new Date(), attempts: 1, body })),
    );
    await handleQueueBatch(batch, env);
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.explicitAcks).toHaveLength(7);
    expect(result.retryMessages).toHaveLength(0);
    await until(async () => (await hotMessages(connection.id)) === 7 * 140, 'all messages', 25_000);
  }, 30_000);
});
