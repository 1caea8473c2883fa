import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { call, createConnection, createTestStore } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';
import { storeDb } from '../helpers/stores';

async function cron(expression: string, at: number) {
  const ctx = createExecutionContext();
  await worker.scheduled!(createScheduledController({ cron: expression, scheduledTime: at }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe('idle timeout', () => {
  it('closes conversations idle past the timeout at last message + timeout, and leaves fresh ones open', async () => {
    const { apiKey } = await createTestStore();
    const connection = await createConnection(apiKey, 'generic');
    await sendGeneric(connection, { events: [ev.message('idle-1', 'i1', 'customer', '在吗', 0), ev.message('fresh-1', 'f1', 'customer', '在吗', 40)] });
    await drained(connection.id);
    // 02:45 UTC: idle-1's last message was at 02:00 (45 min ago), fresh-1's at 02:40.
    await cron('*/5 * * * *', Date.UTC(2026, 10, 21, 2, 45));
    const list = (await call('GET', '/v1/conversations', { token: apiKey })).json.data as { externalId: string; status: string; closedAt: string; closeReason: string }[];
    const idle = list.find((c) => c.externalId === 'idle-1')!;
    const fresh = list.find((c) => c.externalId === 'fresh-1')!;
    expect(idle).toMatchObject({ status: 'closed', closeReason: 'idle_timeout', closedAt: '2026-11-21T02:30:00.000Z' });
    expect(fresh.status).toBe('open');
    // A later platform close replaces the idle estimate with the real close.
    await sendGeneric(connection, ev.closed('idle-1', 50));
    await drained(connection.id);
    const after = (await call('GET', '/v1/conversations?externalId=idle-1', { token: apiKey })).json.data[0];
    expect(after).toMatchObject({ status: 'closed', closeReason: 'resolved', closedAt: '2026-11-21T02:50:00.000Z' });
  });

  it("uses each store's own timeout", async () => {
    const { storeId, apiKey } = await createTestStore();
    await (await storeDb(storeId)).prepare(`update stores set settings = '{"idleTimeoutMinutes": 120}' where id = ?`).bind(storeId).run();
    const connection = await createConnection(apiKey, 'generic');
    await sendGeneric(connection, ev.message('slow-1', 's1', 'customer', '在吗', 0));
    await drained(connection.id);
    await cron('*/5 * * * *', Date.UTC(2026, 10, 21, 3, 0));
    expect((await call('GET', '/v1/conversations?externalId=slow-1', { token: apiKey })).json.data[0].status).toBe('open');
    await cron('*/5 * * * *', Date.UTC(2026, 10, 21, 4, 0));
    expect((await call('GET', '/v1/conversations?externalId=slow-1', { token: apiKey })).json.data[0].status).toBe('closed');
  });
});
