import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/db/client';
import { enforceRetention, retainStore } from '../../src/jobs/retention';
import { hashSeed } from '../../src/lib/random';
import { call, createConnection, createTestStore } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';
import { dumpStore } from '../helpers/store-dump';

const DAY = 86_400_000;

describe('retention', () => {
  it("deletes a store's conversations past its retention, with their messages, and raw events past 30 days", async () => {
    const { storeId, apiKey } = await createTestStore();
    await call('PATCH', '/v1/settings', { token: apiKey, body: { retentionDays: 30 } });
    const connection = await createConnection(apiKey, 'generic');
    await sendGeneric(connection, { events: [ev.message('old-1', 'o1', 'customer', '在吗', 0), ev.closed('old-1', 1)] });
    await drained(connection.id);
    const count = async (table: string) => (await env.DB.prepare(`select count(*) as n from ${table} where store_id = ?`).bind(storeId).first<{ n: number }>())!.n;
    expect(await count('messages')).toBe(1);
    // The conversation is dated 2026-11-21 by its events; the raw event by when the Worker received it
    // (now). Each run is on a day after `t`, in the UTC hour the store's id hashes to.
    const storeHour = (t: number) => (Math.floor(t / DAY) + 1) * DAY + (hashSeed(storeId) % 24) * 3600_000;
    const opened = Date.UTC(2026, 10, 21, 2);
    const received = (await env.DB.prepare('select max(received_at) as t from raw_events where store_id = ?').bind(storeId).first<{ t: number }>())!.t;
    await enforceRetention(getDb(env.DB), storeHour(opened + 20 * DAY));
    expect(await count('conversations')).toBe(1);
    await enforceRetention(getDb(env.DB), storeHour(Math.max(opened + 40 * DAY, received + 31 * DAY)));
    expect(await count('conversations')).toBe(0);
    expect(await count('messages')).toBe(0);
    expect(await count('raw_events')).toBe(0);
  });
});

describe('retention within D1 limits', () => {
  const at = (ms: number) => new Date(ms).toISOString();
  const chat = (id: string, opened: number) => [
    { type: 'message.created', timestamp: at(opened), data: { platform: 'jd', conversation_id: id, message_id: `${id}-1`, sender: { role: 'customer', id: `c-${id}`, name: '顾客' }, text: '在吗', content_type: 'text', created_at: at(opened) } },
    { type: 'message.created', timestamp: at(opened + 20_000), data: { platform: 'jd', conversation_id: id, message_id: `${id}-2`, sender: { role: 'agent', id: 'ag-1', name: '小李' }, text: '您好，在的', content_type: 'text', created_at: at(opened + 20_000) } },
    { type: 'conversation.closed', timestamp: at(opened + 60_000), data: { platform: 'jd', conversation_id: id, closed_at: at(opened + 60_000), reason: 'resolved' } },
  ];
  const count = async (table: string, storeId: string) => (await env.DB.prepare(`select count(*) as n from ${table} where store_id = ?`).bind(storeId).first<{ n: number }>())!.n;

  it('deletes in bounded rounds, continues where it stopped, and keeps what is within retention and what holds no customer data', async () => {
    const { storeId, apiKey } = await createTestStore();
    const other = await createTestStore();
    await call('PATCH', '/v1/settings', { token: apiKey, body: { retentionDays: 1 } });
    const connection = await createConnection(apiKey, 'generic');
    const theirs = await createConnection(other.apiKey, 'generic');
    const old = Date.UTC(2026, 10, 21, 2);
    await sendGeneric(connection, { events: [...chat('old-1', old), ...chat('old-2', old + 600_000), ...chat('old-3', old + 1_200_000), ...chat('new-1', Date.now() - 3600_000)] });
    await sendGeneric(theirs, { events: chat('theirs-1', old) });
    await drained(connection.id);
    await drained(theirs.id);
    for (let i = 0; i < 100 && (await count('autoqa_results', storeId)) < 4; i++) await new Promise((r) => setTimeout(r, 100));
    await call('POST', '/v1/reviewers', { token: apiKey, body: { name: '质检甲' } });
    await call('POST', '/v1/jobs/daily', { token: apiKey, body: { date: '2026-11-21' } });
    expect(await count('reviews', storeId)).toBe(3);
    const rollups = await count('agent_period_stats', storeId);
    expect(rollups).toBeGreaterThan(0);
    const theirsBefore = await dumpStore(other.storeId);

    // Room for three rounds per invocation (the raw events' and two of one conversation each): three invocations.
    const runs: { conversations: number; done: boolean }[] = [];
    for (let i = 0; i < 5; i++) {
      let rounds = 0;
      const r = await retainStore(getDb(env.DB), { id: storeId, timezone: 'Asia/Shanghai', retentionDays: 1 }, Date.now(), () => rounds++ < 3, { conversations: 1, rawEvents: 1000 });
      runs.push({ conversations: r.conversations, done: r.done });
      if (r.done) break;
    }
    expect(runs).toEqual([
      { conversations: 2, done: false },
      { conversations: 1, done: false },
      { conversations: 0, done: true },
    ]);
    const left = await env.DB.prepare('select external_id from conversations where store_id = ?').bind(storeId).all<{ external_id: string }>();
    expect(left.results.map((r) => r.external_id)).toEqual(['new-1']);
    expect(await count('messages', storeId)).toBe(2);
    for (const table of ['reviews', 'sample_selections', 'autoqa_results']) expect(await count(table, storeId), table).toBe(table === 'autoqa_results' ? 1 : 0);
    // Raw deliveries are kept 30 days whatever the conversations' retention; rollups hold no customer data.
    expect(await count('raw_events', storeId)).toBe(1);
    expect(await count('agent_period_stats', storeId)).toBe(rollups);
    expect(await dumpStore(other.storeId)).toBe(theirsBefore);
  });

  it('a store the hourly run has no room for continues on the queue until done', async () => {
    const { storeId, apiKey } = await createTestStore();
    await call('PATCH', '/v1/settings', { token: apiKey, body: { retentionDays: 1 } });
    const connection = await createConnection(apiKey, 'generic');
    await sendGeneric(connection, { events: chat('old-q', Date.UTC(2026, 10, 21, 2)) });
    await drained(connection.id);
    const now = Date.now();
    const hour = hashSeed(storeId) % 24;
    const runAt = Math.floor(now / DAY) * DAY + hour * 3600_000;
    const result = await enforceRetention(getDb(env.DB), runAt, { room: () => false, queue: env.INGEST_QUEUE });
    expect(result.continued).toContain(storeId);
    for (let i = 0; i < 100 && (await count('conversations', storeId)) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await count('conversations', storeId)).toBe(0);
  });
});
