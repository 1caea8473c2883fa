import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/db/client';
import { archiveConversations } from '../../src/jobs/archive';
import { enforceRetention, retainStore } from '../../src/jobs/retention';
import { hashSeed } from '../../src/lib/random';
import { call, createConnection, createTestStore } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';
import { dumpStore } from '../helpers/store-dump';
import { archivedDeliveries, countIn, storeDb } from '../helpers/stores';

const DAY = 86_400_000;
const always = () => true;

async function objects(prefix: string) {
  return (await env.ARCHIVE.list({ prefix })).objects.map((o) => o.key);
}

describe('retention', () => {
  it("deletes a store's conversations past its retention with their archived transcripts, and deliveries past 30 days from the archive", async () => {
    const { storeId, apiKey } = await createTestStore();
    await call('PATCH', '/v1/settings', { token: apiKey, body: { retentionDays: 40 } });
    const connection = await createConnection(apiKey, 'generic');
    await sendGeneric(connection, { events: [ev.message('old-1', 'o1', 'customer', '在吗', 0), ev.closed('old-1', 1)] });
    // A body too large for a queue message is in the archive on its own.
    await sendGeneric(connection, { events: [ev.message('old-2', 'o2', 'customer', '长'.repeat(70_000), 0), ev.closed('old-2', 1)] });
    await drained(connection.id);
    const d1 = await storeDb(storeId);
    const db = getDb(d1);
    const count = (table: string) => countIn(d1, `select count(*) as n from ${table} where store_id = ?`, storeId);
    // The conversations are dated 2026-11-21 by their events; the deliveries by when the Worker received them (now).
    const opened = Date.UTC(2026, 10, 21, 2);
    const received = Math.max(...(await archivedDeliveries(storeId)).map((d) => d.receivedAt));
    expect(await archiveConversations(db, env.ARCHIVE, storeId, opened + 4 * DAY)).toBe(2);
    expect(await objects(`transcripts/${storeId}/`)).toHaveLength(2);
    expect(await objects(`bodies/${storeId}/`)).toHaveLength(1);
    expect(await objects(`deliveries/${storeId}/`)).not.toHaveLength(0);

    // Before either limit: nothing goes.
    await retainStore(db, env.ARCHIVE, { id: storeId, timezone: 'Asia/Shanghai', retentionDays: 40 }, opened + 20 * DAY, always);
    expect(await count('conversations')).toBe(2);
    expect(await objects(`transcripts/${storeId}/`)).toHaveLength(2);

    // Past the store's 40 days (but not 30 days after receipt): the conversations and their transcripts.
    const later = Math.max(opened + 41 * DAY, received - DAY);
    await retainStore(db, env.ARCHIVE, { id: storeId, timezone: 'Asia/Shanghai', retentionDays: 40 }, later, always);
    if (later < received + 30 * DAY) expect(await objects(`deliveries/${storeId}/`)).not.toHaveLength(0);
    expect(await count('conversations')).toBe(0);
    expect(await objects(`transcripts/${storeId}/`)).toHaveLength(0);

    // 30 days after receipt: the raw deliveries, large bodies included, and their counts.
    await retainStore(db, env.ARCHIVE, { id: storeId, timezone: 'Asia/Shanghai', retentionDays: 40 }, received + 31 * DAY, always);
    expect(await objects(`deliveries/${storeId}/`)).toHaveLength(0);
    expect(await objects(`bodies/${storeId}/`)).toHaveLength(0);
    expect(await count('delivery_counts')).toBe(0);
  });

  it("deletes a store's conversations past its retention, with their messages, reviews, disputes and cards, and raw deliveries past 30 days", async () => {
    const { storeId, apiKey } = await createTestStore();
    await call('PATCH', '/v1/settings', { token: apiKey, body: { retentionDays: 40 } });
    const connection = await createConnection(apiKey, 'generic');
    await sendGeneric(connection, { events: [ev.message('old-1', 'o1', 'customer', '在吗', 0), ev.message('old-1', 'o2', 'agent', '在的', 0, 20), ev.closed('old-1', 1)] });
    await drained(connection.id);
    const d1 = await storeDb(storeId);
    const count = (table: string) =>
      table === 'messages'
        ? countIn(d1, 'select count(*) as n from messages where conversation_id in (select id from conversations where store_id = ?)', storeId)
        : countIn(d1, `select count(*) as n from ${table} where store_id = ?`, storeId);
    expect(await count('messages')).toBe(2);
    // Reviewed, carded and disputed: the card quotes the conversation, so it goes with it.
    await call('POST', '/v1/reviewers', { token: apiKey, body: { name: 'QA' } });
    await call('POST', '/v1/jobs/daily', { token: apiKey, body: { date: '2026-11-21' } });
    const [pending] = (await call('GET', '/v1/reviews', { token: apiKey })).json.data;
    const items = (await call('GET', `/v1/reviews/${pending.id}`, { token: apiKey })).json.items.map((i: { itemId: string }) => (i.itemId === 'closing' ? { itemId: 'closing', outcome: 'fail', comment: '没有结束语' } : { itemId: i.itemId, outcome: 'pass' }));
    expect((await call('POST', `/v1/reviews/${pending.id}/submit`, { token: apiKey, body: { items } })).status).toBe(200);
    const agentToken = (await call('POST', '/v1/widget-tokens', { token: apiKey, body: { sub: 'a', role: 'agent', agentId: pending.agentId } })).json.token;
    expect((await call('POST', '/v1/disputes', { token: agentToken, body: { reviewId: pending.id, itemId: 'closing', reason: '说了再见' } })).status).toBe(201);
    expect([await count('coaching_cards'), await count('disputes')]).toEqual([1, 1]);
    // The conversation is dated 2026-11-21 by its events; the delivery by when the Worker received it
    // (now). Each run is on a day after `t`, in the UTC hour the store's id hashes to.
    const storeHour = (t: number) => (Math.floor(t / DAY) + 1) * DAY + (hashSeed(storeId) % 24) * 3600_000;
    const opened = Date.UTC(2026, 10, 21, 2);
    const received = Math.max(...(await archivedDeliveries(storeId)).map((d) => d.receivedAt));
    await enforceRetention(getDb(d1), env.ARCHIVE, storeHour(opened + 20 * DAY));
    expect([await count('conversations'), await count('coaching_cards')]).toEqual([1, 1]);
    await enforceRetention(getDb(d1), env.ARCHIVE, storeHour(Math.max(opened + 40 * DAY, received + 31 * DAY)));
    expect(await count('conversations')).toBe(0);
    expect(await count('messages')).toBe(0);
    expect(await count('delivery_counts')).toBe(0);
    expect(await objects(`deliveries/${storeId}/`)).toHaveLength(0);
    expect([await count('reviews'), await count('disputes'), await count('coaching_cards')]).toEqual([0, 0, 0]);
  });
});

describe('retention within D1 limits', () => {
  const at = (ms: number) => new Date(ms).toISOString();
  const chat = (id: string, opened: number) => [
    { type: 'message.created', timestamp: at(opened), data: { platform: 'jd', conversation_id: id, message_id: `${id}-1`, sender: { role: 'customer', id: `c-${id}`, name: '顾客' }, text: '在吗', content_type: 'text', created_at: at(opened) } },
    { type: 'message.created', timestamp: at(opened + 20_000), data: { platform: 'jd', conversation_id: id, message_id: `${id}-2`, sender: { role: 'agent', id: 'ag-1', name: '小李' }, text: '您好，在的', content_type: 'text', created_at: at(opened + 20_000) } },
    { type: 'conversation.closed', timestamp: at(opened + 60_000), data: { platform: 'jd', conversation_id: id, closed_at: at(opened + 60_000), reason: 'resolved' } },
  ];
  const count = async (table: string, storeId: string) =>
    table === 'messages'
      ? countIn(await storeDb(storeId), 'select count(*) as n from messages where conversation_id in (select id from conversations where store_id = ?)', storeId)
      : countIn(await storeDb(storeId), `select count(*) as n from ${table} where store_id = ?`, storeId);

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
    const scored = async () => countIn(await storeDb(storeId), 'select count(*) as n from conversations where store_id = ? and qa_score is not null', storeId);
    for (let i = 0; i < 100 && (await scored()) < 4; i++) await new Promise((r) => setTimeout(r, 100));
    await call('POST', '/v1/reviewers', { token: apiKey, body: { name: '质检甲' } });
    await call('POST', '/v1/jobs/daily', { token: apiKey, body: { date: '2026-11-21' } });
    expect(await count('reviews', storeId)).toBe(3);
    const rollups = await count('agent_period_stats', storeId);
    expect(rollups).toBeGreaterThan(0);
    const theirsBefore = await dumpStore(other.storeId);

    // Room for three rounds per invocation (the archived deliveries' and two of one conversation each): two invocations.
    const db = getDb(await storeDb(storeId));
    const runs: { conversations: number; done: boolean }[] = [];
    for (let i = 0; i < 5; i++) {
      let rounds = 0;
      const r = await retainStore(db, env.ARCHIVE, { id: storeId, timezone: 'Asia/Shanghai', retentionDays: 1 }, Date.now(), () => rounds++ < 3, { conversations: 1, deliveryDays: 7 });
      runs.push({ conversations: r.conversations, done: r.done });
      if (r.done) break;
    }
    expect(runs).toEqual([
      { conversations: 2, done: false },
      { conversations: 1, done: true },
    ]);
    const left = await (await storeDb(storeId)).prepare('select external_id from conversations where store_id = ?').bind(storeId).all<{ external_id: string }>();
    expect(left.results.map((r) => r.external_id)).toEqual(['new-1']);
    expect(await count('messages', storeId)).toBe(2);
    for (const table of ['reviews', 'sample_selections']) expect(await count(table, storeId), table).toBe(0);
    expect(await scored()).toBe(1);
    // Raw deliveries are kept 30 days whatever the conversations' retention; rollups hold no customer data.
    expect(await archivedDeliveries(storeId)).toHaveLength(1);
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
    const result = await enforceRetention(getDb(await storeDb(storeId)), env.ARCHIVE, runAt, { room: () => false, queue: env.INGEST_QUEUE });
    expect(result.continued).toContain(storeId);
    for (let i = 0; i < 100 && (await count('conversations', storeId)) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await count('conversations', storeId)).toBe(0);
  });
});
