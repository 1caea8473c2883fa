import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { eraseCustomerFromArchive } from '../../src/archive/erase';
import { getDb } from '../../src/db/client';
import { call, createConnection, createTestStore, OPERATOR_TOKEN } from '../helpers/api';
import { byExternalId, scored } from '../helpers/conversations';
import { drained, ev, sendGeneric } from '../helpers/generic';
import { archivedDeliveries, storeDb } from '../helpers/stores';

const customer = (id: string) => ({ id, name: `客户${id}` });

describe("erasing a customer's data from the archive", () => {
  it('deletes their transcripts and their events from every archived delivery, keeps everyone else’s, and replay cannot bring them back', async () => {
    const { storeId, apiKey } = await createTestStore();
    const connection = await createConnection(apiKey, 'generic');
    const talk = (conv: string, who: string) => [
      ev.opened(conv, 0, { customer: customer(who) }),
      ev.message(conv, `${conv}-1`, 'customer', '在吗？我的电话是13812345678', 0, 5, { id: who, name: `客户${who}` }),
      ev.message(conv, `${conv}-2`, 'agent', '您好，在的', 0, 20),
      ev.closed(conv, 3),
    ];
    // Deliveries of both customers, one event each, and one batching both.
    for (const e of [...talk('er-a1', 'cust-a'), ...talk('er-b1', 'cust-b')]) await sendGeneric(connection, e);
    await sendGeneric(connection, { events: [...talk('er-a2', 'cust-a'), ev.message('er-b1', 'er-b1-3', 'customer', '谢谢', 1, 0, { id: 'cust-b' })] });
    await drained(connection.id);
    const a1 = await scored(apiKey, 'er-a1');
    const a2 = await scored(apiKey, 'er-a2');
    const b1 = await scored(apiKey, 'er-b1', (c) => c.messages.length === 3);
    const before = await archivedDeliveries(storeId, connection.id);

    const db = getDb(await storeDb(storeId));
    let progress = await eraseCustomerFromArchive(db, env.ARCHIVE, storeId, { customerExternalIds: ['cust-a'] }, { maxObjects: 2 });
    expect(progress.transcriptsDeleted).toBe(2);
    let dropped = progress.deliveriesDropped;
    let rewritten = progress.deliveriesRewritten;
    // Bounded steps: go on from the cursor until the whole archive is done.
    while (progress.cursor) {
      progress = await eraseCustomerFromArchive(db, env.ARCHIVE, storeId, { customerExternalIds: ['cust-a'] }, { cursor: progress.cursor, maxObjects: 2 });
      dropped += progress.deliveriesDropped;
      rewritten += progress.deliveriesRewritten;
    }
    const after = await archivedDeliveries(storeId, connection.id);
    // The four deliveries of er-a1 go; the batch that mixed er-a2 with a message of er-b1 keeps that message only.
    expect([dropped, rewritten]).toEqual([4, 1]);
    expect(after).toHaveLength(before.length - 4);
    for (const d of after) expect(JSON.stringify(d)).not.toMatch(/cust-a|er-a[12]/);
    expect(after.filter((d) => JSON.stringify(d).includes('er-b1'))).toHaveLength(5);
    for (const id of [a1.id, a2.id]) expect(await env.ARCHIVE.head(`transcripts/${storeId}/${id}.json`)).toBeNull();
    expect(await env.ARCHIVE.head(`transcripts/${storeId}/${b1.id}.json`)).not.toBeNull();

    // The caller deletes the D1 rows; a replay of everything then brings back only the other customer.
    const d1 = await storeDb(storeId);
    for (const id of [a1.id, a2.id, b1.id]) {
      await d1.batch([d1.prepare('delete from messages where conversation_id = ?').bind(id), d1.prepare('delete from conversations where id = ?').bind(id)]);
    }
    const replay = await call('POST', '/v1/operator/replay', {
      token: OPERATOR_TOKEN,
      body: { connectionId: connection.id, from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' },
    });
    expect(replay.json.enqueued).toBe(after.length);
    const restored = await scored(apiKey, 'er-b1', (c) => c.messages.length === 3);
    expect(restored.messages.map((m: { externalId: string }) => m.externalId)).toEqual(['er-b1-1', 'er-b1-2', 'er-b1-3']);
    expect(await byExternalId(apiKey, 'er-a1')).toBeNull();
    expect(await byExternalId(apiKey, 'er-a2')).toBeNull();
  }, 60_000);
});
