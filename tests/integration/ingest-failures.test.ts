import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { QueueMessage } from '../../src/env';
import { handleQueueBatch } from '../../src/jobs/queue';
import { processRawEvents } from '../../src/ingest/consumer';
import { getDb } from '../../src/db/client';
import { call, createConnection, createTestStore, OPERATOR_TOKEN } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';

const count = async (sql: string, ...binds: unknown[]) => (await env.DB.prepare(sql).bind(...binds).first<{ n: number }>())?.n;

async function runBatch(queue: string, body: QueueMessage, attempts = 1) {
  const batch = createMessageBatch<QueueMessage>(queue, [{ id: `m-${Math.random()}`, timestamp: new Date(), attempts, body }]);
  const ctx = createExecutionContext();
  await handleQueueBatch(batch, env);
  return getQueueResult(batch, ctx);
}

describe('a consumer that fails part-way', () => {
  it('writes nothing, retries, and then writes everything exactly once', async () => {
    const { storeId, apiKey } = await createTestStore();
    const connection = await createConnection(apiKey, 'generic');
    // A fault in the middle of the delivery's writes: the second message's insert fails.
    await env.DB.prepare(
      "create trigger fail_boom before insert on messages when new.external_id = 'boom' begin select raise(abort, 'disk on fire'); end",
    ).run();
    try {
      const res = await sendGeneric(connection, {
        events: [ev.opened('conv-f', 0), ev.message('conv-f', 'fine', 'customer', '在吗', 0, 5), ev.message('conv-f', 'boom', 'agent', '在的', 0, 20), ev.closed('conv-f', 5)],
      });
      expect(res.status).toBe(202);
      const rawEventId = res.json.rawEventId as string;

      const failed = await runBatch('shopqa-ingest', { kind: 'webhook', storeId, rawEventId });
      expect(failed.retryMessages).toHaveLength(1);
      expect(failed.explicitAcks).toHaveLength(0);
      expect(await count('select count(*) as n from conversations where connection_id = ?', connection.id)).toBe(0);
      expect(await count('select count(*) as n from messages where connection_id = ?', connection.id)).toBe(0);
      const raw = await env.DB.prepare('select status, last_error from raw_events where id = ?').bind(rawEventId).first<{ status: string; last_error: string }>();
      expect(raw).toMatchObject({ status: 'queued' });
      expect(raw?.last_error).toContain('disk on fire');
    } finally {
      await env.DB.prepare('drop trigger fail_boom').run();
    }
    const rawEventId = (await env.DB.prepare('select id from raw_events where connection_id = ?').bind(connection.id).first<{ id: string }>())!.id;
    const ok = await runBatch('shopqa-ingest', { kind: 'webhook', storeId, rawEventId }, 2);
    expect(ok.explicitAcks).toHaveLength(1);
    // A second delivery of the same queue message (at-least-once) changes nothing.
    await runBatch('shopqa-ingest', { kind: 'webhook', storeId, rawEventId }, 3);
    await drained(connection.id);
    expect(await count('select count(*) as n from conversations where connection_id = ?', connection.id)).toBe(1);
    expect(await count('select count(*) as n from messages where connection_id = ?', connection.id)).toBe(2);
    expect(await count("select count(*) as n from raw_events where id = ? and status = 'processed'", rawEventId)).toBe(1);
  });

  it('marks an event dead when its retries run out, and replay brings it back', async () => {
    const { storeId, apiKey } = await createTestStore();
    const connection = await createConnection(apiKey, 'generic');
    const res = await sendGeneric(connection, ev.message('conv-dead', 'dm1', 'customer', '你好', 0));
    await drained(connection.id);
    const rawEventId = res.json.rawEventId as string;
    // A late dead letter for a delivery already written does not undo it.
    expect((await runBatch('shopqa-ingest-dlq', { kind: 'webhook', storeId, rawEventId }, 6)).explicitAcks).toHaveLength(1);
    expect(await count("select count(*) as n from raw_events where id = ? and status = 'processed'", rawEventId)).toBe(1);
    // As if every attempt had failed: still queued, nothing written, then the dead-letter consumer receives it.
    await env.DB.prepare('delete from messages where connection_id = ?').bind(connection.id).run();
    await env.DB.prepare("update raw_events set status = 'queued' where id = ?").bind(rawEventId).run();
    const dlq = await runBatch('shopqa-ingest-dlq', { kind: 'webhook', storeId, rawEventId }, 6);
    expect(dlq.explicitAcks).toHaveLength(1);
    expect(await count("select count(*) as n from raw_events where id = ? and status = 'dead'", rawEventId)).toBe(1);

    const replay = await call('POST', '/v1/operator/replay', {
      token: OPERATOR_TOKEN,
      body: { connectionId: connection.id, from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', includeProcessed: false },
    });
    expect(replay.status).toBe(202);
    expect(replay.json.enqueued).toBe(1);
    for (let i = 0; i < 100 && (await count("select count(*) as n from raw_events where id = ? and status = 'processed'", rawEventId)) !== 1; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await count('select count(*) as n from messages where connection_id = ?', connection.id)).toBe(1);
  });

  it('validates replay input', async () => {
    const bad = (body: unknown) => call('POST', '/v1/operator/replay', { token: OPERATOR_TOKEN, body });
    expect((await bad({ connectionId: 'cn_x', from: 'yesterday', to: '2100-01-01T00:00:00Z' })).json.error.field).toBe('from');
    expect((await bad({ connectionId: 'cn_x', from: '2100-01-01T00:00:00Z', to: '2000-01-01T00:00:00Z' })).json.error.field).toBe('to');
    expect((await bad({ connectionId: 'cn_missing', from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' })).status).toBe(404);
  });
});

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
    const connection = await createConnection(apiKey, 'generic');
    // Seven deliveries of 140 messages (about 280 statements each): more than one invocation's budget.
    const ids: string[] = [];
    for (let d = 0; d < 7; d++) {
      const events = Array.from({ length: 140 }, (_, i) => ev.message(`conv-${d}`, `m-${d}-${i}`, i % 2 ? 'agent' : 'customer', '您好', 0, i % 60));
      ids.push((await sendGeneric(connection, { events })).json.rawEventId);
    }
    const outcome0 = await processRawEvents(getDb(env.DB), ids, Date.now());
    expect(outcome0.done.length).toBeGreaterThanOrEqual(1);
    expect(outcome0.deferred.length).toBeGreaterThanOrEqual(1);
    expect([...outcome0.done, ...outcome0.deferred].sort()).toEqual([...ids].sort());
    const batch = createMessageBatch<QueueMessage>('shopqa-ingest', ids.map((rawEventId, i) => ({ id: `b-${i}`, timestamp: new Date(), attempts: 1, body: { kind: 'webhook', storeId, rawEventId } })));
    await handleQueueBatch(batch, env);
    const outcome = await getQueueResult(batch, createExecutionContext());
    expect(outcome.explicitAcks).toHaveLength(7);
    await drained(connection.id, 25_000);
    expect(await count('select count(*) as n from messages where connection_id = ?', connection.id)).toBe(7 * 140);
  }, 30_000);
});
