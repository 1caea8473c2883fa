import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/db/client';
import { enforceRetention } from '../../src/jobs/retention';
import { hashSeed } from '../../src/lib/random';
import { call, createConnection, createTestStore } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';

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
    const DAY = 86_400_000;
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
