import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/db/client';
import { archiveConversations } from '../../src/jobs/archive';
import { enforceRetention } from '../../src/jobs/retention';
import { call, createConnection, createTestStore } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';
import { archivedDeliveries, countIn, storeDb } from '../helpers/stores';

const DAY = 86_400_000;

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
    await enforceRetention(db, env.ARCHIVE, storeId, opened + 20 * DAY);
    expect(await count('conversations')).toBe(2);
    expect(await objects(`transcripts/${storeId}/`)).toHaveLength(2);

    // Past the store's 40 days (but not 30 days after receipt): the conversations and their transcripts.
    const later = Math.max(opened + 41 * DAY, received - DAY);
    await enforceRetention(db, env.ARCHIVE, storeId, later);
    if (later < received + 30 * DAY) expect(await objects(`deliveries/${storeId}/`)).not.toHaveLength(0);
    expect(await count('conversations')).toBe(0);
    expect(await objects(`transcripts/${storeId}/`)).toHaveLength(0);

    // 30 days after receipt: the raw deliveries, large bodies included, and their counts.
    await enforceRetention(db, env.ARCHIVE, storeId, received + 31 * DAY);
    expect(await objects(`deliveries/${storeId}/`)).toHaveLength(0);
    expect(await objects(`bodies/${storeId}/`)).toHaveLength(0);
    expect(await count('delivery_counts')).toBe(0);
  });
});
