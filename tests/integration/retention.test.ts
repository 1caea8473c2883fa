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
    // The store's hour: its conversations (2026-11-21) are 40 days old by then.
    const now = Date.UTC(2026, 11, 31, 0) + (hashSeed(storeId) % 24) * 3600_000;
    const count = async (table: string) => (await env.DB.prepare(`select count(*) as n from ${table} where store_id = ?`).bind(storeId).first<{ n: number }>())!.n;
    expect(await count('messages')).toBe(1);
    await enforceRetention(getDb(env.DB), now - 20 * 86_400_000);
    expect(await count('conversations')).toBe(1);
    await enforceRetention(getDb(env.DB), now);
    expect(await count('conversations')).toBe(0);
    expect(await count('messages')).toBe(0);
    expect(await count('raw_events')).toBe(0);
  });
});
