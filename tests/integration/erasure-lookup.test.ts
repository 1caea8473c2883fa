import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/db/client';
import { customerKey } from '../../src/lib/customer-key';
import { customerConversations } from '../../src/services/erasure';
import { call, createConnection, createTestStore } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';
import { storeDb } from '../helpers/stores';

/**
 * Erasure finds a customer's conversations by customer_key, a hash of the platform's customer id kept
 * beside it. The key must follow the id the row keeps whatever order deliveries arrive in (the smaller
 * id wins a merge), be gone with it, and never lead to another store's customer of the same id.
 */
const A = { id: 'cust-m', name: '甲' };
const B = { id: 'cust-n', name: '乙' };

async function send(connection: { id: string; secret: string }, ...events: unknown[]) {
  for (const e of events) {
    await sendGeneric(connection, e);
    // One at a time: the order of the deliveries is what the test is about.
    await drained(connection.id);
  }
}

const customerRows = async (storeId: string) =>
  (
    await (
      await storeDb(storeId)
    )
      .prepare('select external_id, customer_external_id, customer_key from conversations where store_id = ? order by external_id')
      .bind(storeId)
      .all<{ external_id: string; customer_external_id: string | null; customer_key: number | null }>()
  ).results;

describe('the customer key', () => {
  it('follows the kept customer id in either delivery order, is used for the lookup, and goes with the id; another store keeps its own', async () => {
    const store = await createTestStore();
    const other = await createTestStore();
    const connection = await createConnection(store.apiKey, 'generic');
    const theirs = await createConnection(other.apiKey, 'generic');
    // mg-1: B first, then A (the smaller id, which the row then keeps); mg-2: A first, then B.
    await send(connection, ev.opened('mg-1', 0, { customer: B }), ev.message('mg-1', 'mg-1-1', 'customer', '在吗', 1, 0, A));
    await send(connection, ev.message('mg-2', 'mg-2-1', 'customer', '在吗', 1, 0, A), ev.opened('mg-2', 0, { customer: B }));
    await send(connection, ev.opened('mg-3', 0, { customer: B }));
    await send(theirs, ev.opened('mg-1', 0, { customer: A }));

    expect(await customerRows(store.storeId)).toEqual([
      { external_id: 'mg-1', customer_external_id: A.id, customer_key: customerKey(A.id) },
      { external_id: 'mg-2', customer_external_id: A.id, customer_key: customerKey(A.id) },
      { external_id: 'mg-3', customer_external_id: B.id, customer_key: customerKey(B.id) },
    ]);

    const db = await storeDb(store.storeId);
    for (const connectionId of [undefined, connection.id]) {
      const query = customerConversations(getDb(db), store.storeId, A.id, connectionId).toSQL();
      const plan = (
        await db
          .prepare(`explain query plan ${query.sql}`)
          .bind(...query.params)
          .all<{ detail: string }>()
      ).results.map((r) => r.detail);
      expect(plan.join('\n')).toMatch(/USING INDEX conversations_customer \(customer_key=\?\)/);
    }

    const res = await call('POST', `/v1/customers/${A.id}/erase`, { token: store.apiKey, body: {} });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ conversations: 2, complete: true, alreadyErased: false });
    expect(await customerRows(store.storeId)).toEqual([
      { external_id: 'mg-1', customer_external_id: null, customer_key: null },
      { external_id: 'mg-2', customer_external_id: null, customer_key: null },
      { external_id: 'mg-3', customer_external_id: B.id, customer_key: customerKey(B.id) },
    ]);
    expect(await customerRows(other.storeId)).toEqual([{ external_id: 'mg-1', customer_external_id: A.id, customer_key: customerKey(A.id) }]);
  });
});
