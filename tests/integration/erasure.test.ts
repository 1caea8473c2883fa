import { beforeAll, describe, expect, it } from 'vitest';
import { call, createConnection, createTestStore, expectError, OPERATOR_TOKEN } from '../helpers/api';
import { drained, sendGeneric } from '../helpers/generic';
import { dumpArchive, dumpStore } from '../helpers/store-dump';
import { archivedDeliveries, storeDb } from '../helpers/stores';

/**
 * Customer X (张女士, cust-x) has two conversations; customer Y (王先生, cust-y) one. One delivery
 * carries messages of both X and Y (a relay batching events). Another store also has a customer cust-x.
 * After X is erased, nothing of X is anywhere in the store, in D1 or in its archive (transcripts with
 * their AutoQA evidence, raw deliveries); Y, the agents' QA record and the other store are as they were.
 */
const at = (minute: number, second = 0) => new Date(Date.now() - 3600_000 + minute * 60_000 + second * 1000).toISOString();
const msg = (conversation: string, id: string, role: 'customer' | 'agent', text: string, minute: number, sender: Record<string, string>) => ({
  type: 'message.created',
  timestamp: at(minute),
  data: { platform: 'jd', conversation_id: conversation, message_id: id, sender: { role, ...sender }, text, content_type: 'text', created_at: at(minute) },
});
const X = { id: 'cust-x', name: '张女士' };
const Y = { id: 'cust-y', name: '王先生' };
const AGENT = { id: 'agent-7', name: '小李' };
const closed = (conversation: string, minute: number) => ({ type: 'conversation.closed', timestamp: at(minute), data: { platform: 'jd', conversation_id: conversation, closed_at: at(minute), reason: 'resolved' } });
const X_WORDS = ['张女士', 'cust-x', '幸福路', '13812345678', '服务太慢了', '再不退款我就投诉'];

let store: { storeId: string; apiKey: string };
let other: { storeId: string; apiKey: string };
let yBefore: string;
let otherBefore: string;
let scoresBefore: unknown;

/** Rows of the erased store's database (every query names the store). */
const rows = async (sql: string, ...binds: unknown[]) =>
  (
    await (await storeDb(store.storeId))
      .prepare(sql)
      .bind(...binds)
      .all<Record<string, unknown>>()
  ).results;
const SCORES = 'select id, qa_score, qa_risk, qa_critical from conversations where store_id = ? and qa_score is not null order by 1';

beforeAll(async () => {
  store = await createTestStore();
  other = await createTestStore();
  const connection = await createConnection(store.apiKey, 'generic');
  await sendGeneric(connection, {
    events: [
      { type: 'conversation.opened', timestamp: at(0), data: { platform: 'jd', conversation_id: 'x1', opened_at: at(0), customer: X, channel: 'app', locale: 'zh-CN' } },
      msg('x1', 'x1-1', 'customer', '我是张女士，电话13812345678，地址幸福路1号', 0, X),
      msg('x1', 'x1-2', 'agent', '张女士您好，已记下您的电话13812345678', 1, AGENT),
      msg('x1', 'x1-3', 'customer', '再不退款我就投诉', 2, X),
      closed('x1', 3),
      { type: 'conversation.rated', timestamp: at(4), data: { platform: 'jd', conversation_id: 'x1', rated_at: at(4), rating: { score: 2, scale_max: 5, label: 'bad', comment: '服务太慢了' } } },
    ],
  });
  // One relay delivery with both customers' messages.
  await sendGeneric(connection, { events: [msg('x2', 'x2-1', 'customer', '在吗？我是张女士', 10, X), msg('y1', 'y1-1', 'customer', '在吗？我是王先生', 10, Y)] });
  await sendGeneric(connection, { events: [msg('x2', 'x2-2', 'agent', '在的，您好', 11, AGENT), closed('x2', 12)] });
  await sendGeneric(connection, { events: [msg('y1', 'y1-2', 'agent', '王先生您好，请稍等', 11, AGENT), closed('y1', 12)] });
  const theirs = await createConnection(other.apiKey, 'generic');
  await sendGeneric(theirs, { events: [msg('t1', 't1-1', 'customer', '我是另一家店的张女士', 0, X), closed('t1', 1)] });
  await drained(connection.id);
  await drained(theirs.id);
  for (let i = 0; i < 100 && (await rows(SCORES, store.storeId)).length < 3; i++) await new Promise((r) => setTimeout(r, 100));
  yBefore = JSON.stringify(await rows("select * from messages where conversation_id in (select id from conversations where external_id = 'y1' and store_id = ?) order by external_id", store.storeId));
  otherBefore = (await dumpStore(other.storeId)) + (await dumpArchive(other.storeId));
  scoresBefore = await rows(SCORES, store.storeId);
}, 60_000);

describe('POST /v1/customers/:customerId/erase', () => {
  it("erases the customer's words, name, id and rating comment, their AutoQA quotes and raw deliveries, in D1 and the archive", async () => {
    expect(await dumpStore(store.storeId)).toContain('幸福路');
    expect(await dumpArchive(store.storeId)).toContain('幸福路');
    const res = await call('POST', '/v1/customers/cust-x/erase', { token: store.apiKey, body: { reason: '顾客申请删除个人信息 #42' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ conversations: 2, customerMessages: 3, rawDeliveriesRedacted: 1, complete: true, alreadyErased: false });
    expect(res.json.rawDeliveriesDeleted).toBe(2);
    const dump = `${await dumpStore(store.storeId)}\n${await dumpArchive(store.storeId)}`;
    for (const word of X_WORDS) expect(dump.split('\n').filter((t) => t.includes(word)).map((t) => t.slice(Math.max(0, t.indexOf(word) - 300), t.indexOf(word) + 50)), word).toEqual([]);
  });

  it("keeps the agents' QA record: conversations, agent messages (masked), ratings as numbers, scores", async () => {
    const conversations = await rows("select external_id, agent_id, rating, customer_external_id, customer_name from conversations where store_id = ? and external_id like 'x%' order by 1", store.storeId);
    expect(conversations).toHaveLength(2);
    expect(conversations[0]).toMatchObject({ external_id: 'x1', rating: 2, customer_external_id: null, customer_name: null });
    expect(conversations.every((c) => c.agent_id)).toBe(true);
    const ofStore = 'conversation_id in (select id from conversations where store_id = ?)';
    const agentText = await rows(`select text from messages where ${ofStore} and external_id = 'x1-2'`, store.storeId);
    expect(agentText[0]!.text).toBe('***您好，已记下您的电话138****5678'); // one star per character of the name
    const customerText = await rows(`select text, sender_name, sender_external_id from messages where ${ofStore} and external_id = 'x1-1'`, store.storeId);
    expect(customerText[0]).toEqual({ text: '', sender_name: null, sender_external_id: null });
    expect(await rows(SCORES, store.storeId)).toEqual(scoresBefore);
  });

  it('leaves the other customer and the other store as they were, and keeps the shared delivery for them', async () => {
    expect(JSON.stringify(await rows("select * from messages where conversation_id in (select id from conversations where external_id = 'y1' and store_id = ?) order by external_id", store.storeId))).toBe(yBefore);
    expect(await rows("select customer_external_id, customer_name from conversations where store_id = ? and external_id = 'y1'", store.storeId)).toEqual([{ customer_external_id: 'cust-y', customer_name: '王先生' }]);
    const shared = (await archivedDeliveries(store.storeId)).filter((d) => JSON.stringify(d).includes('y1-1'));
    expect(shared).toHaveLength(1);
    // X's event is gone from it (the delivery keeps its remaining events, as read); Y's is as it was, so Y can still be replayed from it.
    const { events } = shared[0] as unknown as { events: Record<string, unknown>[] };
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ conversationId: 'y1', text: '在吗？我是王先生', sender: { id: 'cust-y', name: '王先生' } });
    expect((await dumpStore(other.storeId)) + (await dumpArchive(other.storeId))).toBe(otherBefore);
  });

  it('a replay of the stored deliveries does not bring the customer back', async () => {
    const connection = (await rows('select connection_id from conversations where store_id = ? limit 1', store.storeId))[0]!.connection_id as string;
    const replay = await call('POST', '/v1/operator/replay', { token: OPERATOR_TOKEN, body: { connectionId: connection, from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() } });
    expect(replay.status).toBe(202);
    await drained(connection);
    const dump = `${await dumpStore(store.storeId)}\n${await dumpArchive(store.storeId)}`;
    for (const word of X_WORDS) expect(dump, word).not.toContain(word);
  });

  it('is recorded in the audit log without naming the customer, and a repeat says it was done before', async () => {
    const log = await call('GET', '/v1/audit?entityType=customer', { token: store.apiKey });
    expect(log.json.data).toHaveLength(1);
    expect(log.json.data[0]).toMatchObject({ action: 'customer_erased', actor: { kind: 'api_key' }, reason: '顾客申请删除个人信息 #42', after: { conversations: 2, customerMessages: 3 } });
    expect(JSON.stringify(log.json.data[0])).not.toContain('cust-x');
    const again = await call('POST', '/v1/customers/cust-x/erase', { token: store.apiKey, body: {} });
    expect(again.json).toMatchObject({ conversations: 0, complete: true, alreadyErased: true });
  });

  it('answers 404 for a customer never seen, or one of another store, and refuses widget tokens', async () => {
    expectError(await call('POST', '/v1/customers/nobody/erase', { token: store.apiKey, body: {} }), 404, 'not_found');
    const before = await dumpStore(store.storeId);
    expectError(await call('POST', '/v1/customers/cust-y/erase', { token: other.apiKey, body: {} }), 404, 'not_found');
    expect(await dumpStore(store.storeId)).toBe(before);
    expectError(await call('POST', '/v1/customers/cust-y/erase', { token: store.apiKey, body: { connectionId: 'cn_not_mine' } }), 404, 'not_found');
    const manager = (await call('POST', '/v1/widget-tokens', { token: store.apiKey, body: { sub: 'boss', role: 'manager' } })).json.token;
    expectError(await call('POST', '/v1/customers/cust-y/erase', { token: manager, body: {} }), 403, 'forbidden');
    expectError(await call('POST', '/v1/customers/cust-y/erase', { token: store.apiKey, body: { reason: '' } }), 400, 'invalid_request', 'reason');
  });
});
