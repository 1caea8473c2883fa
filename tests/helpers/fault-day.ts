import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { getDb } from '../../src/db/client';
import { scoreConversations } from '../../src/jobs/autoqa';
import { createConnection, createTestStore } from './api';
import { acceptedCount, expectDeliveryInvariant } from './faults';
import { ev, sendGeneric } from './generic';
import { storeRows } from './store-dump';
import { storeDb } from './stores';

/**
 * The deliveries every fault test sends: four conversations (three closed, one rated), an event
 * type ShopQA ignores, and one delivery sent twice. `poison` names the message a fault targets.
 */
export function faultDeliveries(tag: string) {
  const c = (k: number) => `${tag}-c${k}`;
  const list: { id: string; payload: unknown }[] = [];
  for (let k = 0; k < 4; k++) {
    list.push({
      id: `${tag}-d${k}`,
      payload: { events: [ev.opened(c(k), k), ev.message(c(k), `${tag}-m${k}-1`, 'customer', '你好，发货了吗？', k, 5), ev.message(c(k), `${tag}-m${k}-2`, 'agent', '亲，今天发货哦', k, 30, { id: `agent-${k % 2}`, name: `Agent ${k % 2}` })] },
    });
    if (k < 3) list.push({ id: `${tag}-close${k}`, payload: ev.closed(c(k), k + 10) });
  }
  list.push({ id: `${tag}-rate0`, payload: ev.rated(c(0), 2, 5) });
  list.push({ id: `${tag}-typing`, payload: { type: 'conversation.typing', timestamp: '2026-11-21T02:20:00.000Z', data: { conversation_id: c(1) } } });
  list.push({ id: `${tag}-d1`, payload: list[2]!.payload }); // a redelivery of d1: accepted again, written once
  return { deliveries: list, poison: `${tag}-m2-2` };
}

export async function sendAll(connection: { id: string; secret: string }, deliveries: { id: string; payload: unknown }[]) {
  return Promise.all(deliveries.map((d) => sendGeneric(connection, d.payload, { deliveryId: d.id })));
}

/** A store named as the reference will be, so two stores fed the same data dump the same. */
export async function faultStore(tag: string) {
  const store = await createTestStore({ name: `fault store ${tag}` });
  const connection = await createConnection(store.apiKey, 'generic');
  return { ...store, connection };
}

/** Waits until every closed conversation of the store has its AutoQA result (scoring runs on the queue). */
export async function scored(storeId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  const db = await storeDb(storeId);
  for (;;) {
    const row = await db.prepare(
      "select (select count(*) from conversations where store_id = ?1 and status = 'closed') as closed, (select count(*) from conversations where store_id = ?1 and qa_score is not null) as scored",
    )
      .bind(storeId)
      .first<{ closed: number; scored: number }>();
    if (row && row.closed === row.scored) return row.scored;
    if (Date.now() > deadline) throw new Error(`not scored: ${JSON.stringify(row)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The state a fault-free run reaches: a store fed the same deliveries, settled, and every closed
 * conversation scored once more over all its messages (queued re-scores give the same result).
 */
export async function referenceDump(tag: string) {
  const store = await faultStore(tag);
  const accepted = acceptedCount(await sendAll(store.connection, faultDeliveries(tag).deliveries));
  await expectDeliveryInvariant(store.connection.id, accepted);
  await scored(store.storeId);
  const db = await storeDb(store.storeId);
  const closed = await db.prepare("select id from conversations where store_id = ? and status = 'closed'").bind(store.storeId).all<{ id: string }>();
  await scoreConversations(getDb(db), env.ARCHIVE, store.storeId, closed.results.map((r) => r.id), Date.now());
  return storeRows(store.storeId, { portable: true });
}

/** Polls until the store's portable dump equals `expected` (the queue re-scores in its own time). */
export async function expectConverges(storeId: string, expected: Record<string, string[]>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dump = await storeRows(storeId, { portable: true });
    if (JSON.stringify(dump) === JSON.stringify(expected) || Date.now() > deadline) return expect(dump).toEqual(expected);
    await new Promise((r) => setTimeout(r, 200));
  }
}
