import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/db/client';
import { enforceRetention } from '../../src/jobs/retention';
import { hashSeed } from '../../src/lib/random';
import { call, createConnection, createTestStore } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';

describe('retention', () => {
  it("deletes a store's conversations past its retention, with their messages, reviews, disputes and cards, and raw events past 30 days", async () => {
    const { storeId, apiKey } = await createTestStore();
    await call('PATCH', '/v1/settings', { token: apiKey, body: { retentionDays: 30 } });
    const connection = await createConnection(apiKey, 'generic');
    await sendGeneric(connection, { events: [ev.message('old-1', 'o1', 'customer', '在吗', 0), ev.message('old-1', 'o2', 'agent', '在的', 0, 20), ev.closed('old-1', 1)] });
    await drained(connection.id);
    const count = async (table: string) => (await env.DB.prepare(`select count(*) as n from ${table} where store_id = ?`).bind(storeId).first<{ n: number }>())!.n;
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
    // The conversation is dated 2026-11-21 by its events; the raw event by when the Worker received it
    // (now). Each run is on a day after `t`, in the UTC hour the store's id hashes to.
    const DAY = 86_400_000;
    const storeHour = (t: number) => (Math.floor(t / DAY) + 1) * DAY + (hashSeed(storeId) % 24) * 3600_000;
    const opened = Date.UTC(2026, 10, 21, 2);
    const received = (await env.DB.prepare('select max(received_at) as t from raw_events where store_id = ?').bind(storeId).first<{ t: number }>())!.t;
    await enforceRetention(getDb(env.DB), storeHour(opened + 20 * DAY));
    expect([await count('conversations'), await count('coaching_cards')]).toEqual([1, 1]);
    await enforceRetention(getDb(env.DB), storeHour(Math.max(opened + 40 * DAY, received + 31 * DAY)));
    expect(await count('conversations')).toBe(0);
    expect(await count('messages')).toBe(0);
    expect(await count('raw_events')).toBe(0);
    expect([await count('reviews'), await count('disputes'), await count('coaching_cards')]).toEqual([0, 0, 0]);
  });
});
