import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/db/client';
import { countingD1 } from '../../src/db/counting';
import { processDeliveries } from '../../src/ingest/consumer';
import type { DeliveryMessage } from '../../src/ingest/delivery';
import { createConnection, createTestStore } from '../helpers/api';
import { ev } from '../helpers/generic';
import { storeDb } from '../helpers/stores';

/**
 * The consumer writes the messages of a whole queue batch with one statement per kind of write (the
 * conversation upserts, the message inserts, the attribution): rows of one conversation, and two copies
 * of one message, in the same statement must end as they do written one delivery at a time.
 */

let uid = 0;
const delivery = (storeId: string, connectionId: string, body: unknown): DeliveryMessage => ({
  kind: 'webhook',
  uid: `dlv_set_${++uid}`,
  storeId,
  connectionId,
  platform: 'generic',
  deliveryId: `set-${uid}`,
  receivedAt: Date.now(),
  body: JSON.stringify(body),
  archived: 'test-archive-key',
});

/** A connection's conversations and messages, without what differs by connection (ids). */
async function rowsOf(db: D1Database, connectionId: string) {
  const conversations = (
    await db.prepare('select * from conversations where connection_id = ? order by external_id').bind(connectionId).all<Record<string, unknown>>()
  ).results.map(({ id, connection_id, agent_id, ...rest }) => ({ ...rest, agent: agent_id ? 'agent' : null }));
  const messages = (
    await db
      .prepare('select c.external_id as conversation, m.* from messages m join conversations c on c.id = m.conversation_id where c.connection_id = ? order by c.external_id, m.external_id')
      .bind(connectionId)
      .all<Record<string, unknown>>()
  ).results.map(({ conversation_id, ...rest }) => rest);
  return { conversations, messages };
}

describe('message writes of a whole batch', () => {
  it('store the same rows as the same events written one by one', async () => {
    const { storeId, apiKey } = await createTestStore();
    const db = await storeDb(storeId);
    const [together, oneByOne] = [await createConnection(apiKey, 'generic'), await createConnection(apiKey, 'generic')];
    const edited = { ...ev.message('c-1', 'm-2', 'agent', '亲，有货的（已更正）', 1, 5), timestamp: new Date(Date.UTC(2026, 10, 21, 2, 3)).toISOString() };
    const bodies: { events: unknown[] }[] = [
      // Two messages of one conversation, a customer's and an agent's, in separate deliveries and in one.
      { events: [ev.message('c-1', 'm-1', 'customer', '这个有货吗', 1)] },
      { events: [ev.message('c-1', 'm-2', 'agent', '亲，有货的', 1, 5)] },
      { events: [ev.message('c-2', 'm-1', 'agent', '您好', 2), ev.message('c-2', 'm-2', 'customer', '在吗', 1, 30, { id: 'c-9', name: '王女士' })] },
      // An edited copy of m-2 (a later version), and the original again after it: the newer text stays.
      { events: [edited] },
      { events: [ev.message('c-1', 'm-2', 'agent', '亲，有货的', 1, 5)] },
      // An agent message with no sender id: nobody to attribute it to.
      { events: [ev.message('c-2', 'm-3', 'agent', '稍等', 3, 0, { id: undefined, name: undefined })] },
      { events: [ev.closed('c-2', 4)] },
    ];

    const counted = countingD1(db);
    const batch = await processDeliveries(getDb(counted.db), env.ARCHIVE, bodies.map((b) => delivery(storeId, together.id, b)));
    // Two reads (settings, known agents), then one batch: the conversation upserts and the message inserts
    // (one each for the seven messages), the new agent (2), the close, the attribution (agent, unattributed)
    // and the counts (5). One statement per event would take 29.
    expect(counted.count()).toBe(14);
    expect(batch.deferred).toEqual([]);
    expect(batch.closed.map((c) => c.storeId)).toEqual([storeId]);
    // One event per invocation: every statement writes one row.
    for (const e of bodies.flatMap((b) => b.events)) await processDeliveries(getDb(db), env.ARCHIVE, [delivery(storeId, oneByOne.id, { events: [e] })]);

    const [a, b] = [await rowsOf(db, together.id), await rowsOf(db, oneByOne.id)];
    expect(a).toEqual(b);
    expect(a.conversations).toHaveLength(2);
    expect(a.messages).toHaveLength(5);
    expect(a.conversations[0]).toMatchObject({ external_id: 'c-1', customer_external_id: 'c-1', customer_name: '张先生', agent: 'agent', hot: 1, status: 'open' });
    expect(a.conversations[1]).toMatchObject({ external_id: 'c-2', customer_external_id: 'c-9', agent: 'agent', unattributed_messages: 1, status: 'closed' });
    expect(a.messages.find((m) => m.conversation === 'c-1' && m.external_id === 'm-2')).toMatchObject({ role: 'agent', text: '亲，有货的（已更正）' });
  });
});
