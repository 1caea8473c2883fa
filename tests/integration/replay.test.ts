import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/db/client';
import { archiveConversations } from '../../src/jobs/archive';
import { call, createConnection, createTestStore, expectError, OPERATOR_TOKEN } from '../helpers/api';
import { byExternalId, scored, until } from '../helpers/conversations';
import { drained, ev, sendGeneric } from '../helpers/generic';
import { countIn, storeDb } from '../helpers/stores';

/** Deletes a conversation from D1 as a bad migration or a mistaken erasure would: all its rows. */
async function lose(db: D1Database, conversationId: string) {
  await db.batch([
    db.prepare('delete from messages where conversation_id = ?').bind(conversationId),
    db.prepare('delete from conversations where id = ?').bind(conversationId),
  ]);
}

const everything = { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };

/** Replay rescores, so the time of scoring is the one thing allowed to differ. */
const withoutScoredAt = (c: any) => ({ ...c, autoQa: { ...c.autoQa, scoredAt: null } });

async function setup() {
  const store = await createTestStore();
  const connection = await createConnection(store.apiKey, 'generic');
  // One conversation over several deliveries, out of order, one of them delivered twice; another beside it.
  const deliveries = [
    { events: [ev.message('rp-1', 'r2', 'agent', '您好，在的，请问有什么可以帮您？', 0, 20)] },
    { events: [ev.opened('rp-1', 0, { channel: 'app' }), ev.message('rp-1', 'r1', 'customer', '在吗？我的手机13812345678', 0, 5)] },
    { events: [ev.message('rp-1', 'r3', 'customer', '发货了吗', 1)] },
    { events: [ev.message('rp-1', 'r4', 'agent', '已经发货了，还有其他问题吗？', 1, 30), ev.closed('rp-1', 3)] },
    { events: [ev.message('rp-1', 'r3', 'customer', '发货了吗', 1)] },
    { events: [ev.rated('rp-1', 4, 5, 10)] },
    { events: [ev.message('rp-2', 's1', 'customer', 'hello', 2), ev.closed('rp-2', 4)] },
  ];
  for (const d of deliveries) expect((await sendGeneric(connection, d)).status).toBe(202);
  await drained(connection.id);
  const db = await storeDb(store.storeId);
  const processed = () => countIn(db, 'select coalesce(sum(processed), 0) as n from delivery_counts where connection_id = ?', connection.id);
  return { ...store, connection, db, processed, deliveries: deliveries.length };
}

describe('replay from the archived deliveries', () => {
  it('restores a deleted conversation exactly, and counts nothing twice', async () => {
    const { apiKey, connection, db, processed, deliveries } = await setup();
    const before = await scored(apiKey, 'rp-1', (c) => c.rating === 4);
    const other = await scored(apiKey, 'rp-2');
    expect(await processed()).toBe(deliveries);

    await lose(db, before.id);
    expectError(await call('GET', `/v1/conversations/${before.id}`, { token: apiKey }), 404, 'not_found');

    const replay = await call('POST', '/v1/operator/replay', { token: OPERATOR_TOKEN, body: { connectionId: connection.id, ...everything } });
    expect(replay.status).toBe(202);
    expect(replay.json).toEqual({ enqueued: deliveries, next: null });
    const restored = await scored(apiKey, 'rp-1', (c) => c.rating === 4 && c.messages.length === 4);
    expect(withoutScoredAt(restored)).toEqual(withoutScoredAt(before));
    // The masked text is masked again; the conversation beside it is unchanged; counts are as they were.
    expect(restored.messages[0].text).toBe('在吗？我的手机138****5678');
    expect(withoutScoredAt(await byExternalId(apiKey, 'rp-2'))).toEqual(withoutScoredAt(other));
    expect(await processed()).toBe(deliveries);
  }, 30_000);

  it('restores an archived conversation lost from D1 and the archive both', async () => {
    const { storeId, apiKey, connection, db } = await setup();
    const before = await scored(apiKey, 'rp-1', (c) => c.rating === 4);
    await archiveConversations(getDb(db), env.ARCHIVE, storeId, Date.UTC(2026, 10, 25));
    expect(await countIn(db, 'select count(*) as n from conversations where id = ? and hot = 3', before.id)).toBe(1);
    await lose(db, before.id);
    await env.ARCHIVE.delete(`transcripts/${storeId}/${before.id}.json`);

    const replay = await call('POST', '/v1/operator/replay', { token: OPERATOR_TOKEN, body: { connectionId: connection.id, ...everything } });
    expect(replay.status).toBe(202);
    const restored = await scored(apiKey, 'rp-1', (c) => c.rating === 4 && c.messages.length === 4);
    expect(withoutScoredAt(restored)).toEqual(withoutScoredAt(before));
  }, 30_000);

  it('replays only the range asked for', async () => {
    const { apiKey, connection, db } = await setup();
    const before = await scored(apiKey, 'rp-1', (c) => c.rating === 4);
    await lose(db, before.id);
    const res = await call('POST', '/v1/operator/replay', {
      token: OPERATOR_TOKEN,
      body: { connectionId: connection.id, from: '2000-01-01T00:00:00Z', to: '2001-01-01T00:00:00Z' },
    });
    expect(res.json).toEqual({ enqueued: 0, next: null });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await byExternalId(apiKey, 'rp-1')).toBeNull();
    await until(
      () => call('POST', '/v1/operator/replay', { token: OPERATOR_TOKEN, body: { connectionId: connection.id, ...everything } }),
      (r) => r.status === 202,
      'replay',
    );
    await scored(apiKey, 'rp-1', (c) => c.messages.length === 4);
  }, 30_000);
});
