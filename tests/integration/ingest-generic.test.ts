import { describe, expect, it } from 'vitest';
import { call, createConnection, createTestStore, expectError } from '../helpers/api';
import { drained, ev, sendGeneric, standardHeaders } from '../helpers/generic';
import { archivedDeliveries, connectionDb, hotMessages } from '../helpers/stores';

async function setup() {
  const store = await createTestStore();
  const connection = await createConnection(store.apiKey, 'generic');
  return { ...store, connection };
}

async function conversationByExternalId(apiKey: string, externalId: string) {
  const list = await call('GET', `/v1/conversations?externalId=${encodeURIComponent(externalId)}`, { token: apiKey });
  expect(list.json.data).toHaveLength(1);
  return (await call('GET', `/v1/conversations/${list.json.data[0].id}`, { token: apiKey })).json;
}

describe('generic webhooks, end to end through the queue', () => {
  it('assembles a conversation from its events and answers 202 at once', async () => {
    const { apiKey, connection } = await setup();
    const events = [
      ev.opened('conv-1', 0),
      ev.message('conv-1', 'm1', 'customer', '你好，这件衣服有M码吗？', 0, 5),
      ev.message('conv-1', 'm2', 'agent', '亲，您好！M码有货的哦', 0, 20),
      ev.message('conv-1', 'm3', 'customer', '好的谢谢', 1, 0),
      ev.closed('conv-1', 2),
      ev.rated('conv-1', 2, 3),
    ];
    for (const e of events) {
      const res = await sendGeneric(connection, e);
      expect(res.status).toBe(202);
      expect(res.json).toMatchObject({ accepted: true, events: 1 });
      expect(res.json.id).toMatch(/^dlv_/);
    }
    await drained(connection.id);
    const conv = await conversationByExternalId(apiKey, 'conv-1');
    expect(conv).toMatchObject({ externalId: 'conv-1', connectionId: connection.id, platform: 'generic', status: 'closed', rating: 3, closeReason: 'resolved', locale: 'zh-CN' });
    expect(conv.messages.map((m: { externalId: string }) => m.externalId)).toEqual(['m1', 'm2', 'm3']);
    expect(conv.messages[1]).toMatchObject({ role: 'agent', text: '亲，您好！M码有货的哦', createdAt: '2026-11-21T02:00:20.000Z' });
    // The unknown platform agent id became an agent record, and the conversation counts for it.
    const agents = await call('GET', '/v1/agents', { token: apiKey });
    expect(agents.json.data).toHaveLength(1);
    expect(agents.json.data[0]).toMatchObject({ name: '小李', needsCompletion: true, externalIds: [{ connectionId: connection.id, externalId: 'agent-7' }] });
    expect(conv.agentId).toBe(agents.json.data[0].id);
  });

  it('gives the same result for shuffled and duplicated deliveries', async () => {
    const { apiKey, connection } = await setup();
    const events = [
      ev.opened('conv-r', 0),
      ev.message('conv-r', 'r1', 'customer', '在吗', 0, 1),
      ev.message('conv-r', 'r2', 'agent', '在的亲', 0, 10),
      ev.message('conv-r', 'r3', 'customer', '能便宜点吗', 0, 30),
      ev.message('conv-r', 'r4', 'agent', '已经是活动价了哦', 0, 50, { id: 'agent-8', name: '小王' }),
      ev.closed('conv-r', 3),
    ];
    // Close first, agent replies before the customer, and two events delivered twice with new delivery ids.
    const order = [5, 4, 2, 0, 3, 1, 2, 4];
    for (const i of order) expect((await sendGeneric(connection, events[i])).status).toBe(202);
    await drained(connection.id);
    const conv = await conversationByExternalId(apiKey, 'conv-r');
    expect(conv.messages.map((m: { externalId: string }) => m.externalId)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(conv.status).toBe('closed');
    expect(conv.openedAt).toBe('2026-11-21T02:00:00.000Z');
    // The conversation counts for the first agent to reply by time (agent-7), not the first delivered (agent-8).
    const agents = (await call('GET', '/v1/agents', { token: apiKey })).json.data as { id: string; name: string }[];
    expect(conv.agentId).toBe(agents.find((a) => a.name === '小李')!.id);
    expect(await hotMessages(connection.id)).toBe(4);
  });

  it('accepts a redelivery (same webhook-id) again, keeps both copies in the archive and writes its events once', async () => {
    const { storeId, apiKey, connection } = await setup();
    const first = await sendGeneric(connection, ev.message('conv-d', 'd1', 'customer', 'hi', 0), { deliveryId: 'same-id' });
    const again = await sendGeneric(connection, ev.message('conv-d', 'd1', 'customer', 'hi', 0), { deliveryId: 'same-id' });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.json.id).not.toBe(first.json.id);
    await drained(connection.id);
    expect(await hotMessages(connection.id)).toBe(1);
    const archived = await archivedDeliveries(storeId, connection.id);
    expect(archived.map((d) => d.deliveryId)).toEqual(['same-id', 'same-id']);
    expect((await conversationByExternalId(apiKey, 'conv-d')).messages).toHaveLength(1);
  });

  it('takes a batched delivery of several events', async () => {
    const { apiKey, connection } = await setup();
    const res = await sendGeneric(connection, {
      events: [ev.message('conv-b', 'b1', 'customer', 'Is this in stock?', 0), ev.message('conv-b', 'b2', 'agent', 'Hello! Yes it is.', 0, 15), { type: 'typing.started', timestamp: new Date().toISOString(), data: {} }],
    });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ events: 2, ignored: 1 });
    await drained(connection.id);
    expect((await conversationByExternalId(apiKey, 'conv-b')).messages).toHaveLength(2);
  });

  it('masks phone numbers and e-mail addresses before storage by default', async () => {
    const { apiKey, connection } = await setup();
    await sendGeneric(connection, ev.message('conv-p', 'p1', 'customer', '我的手机13812345678，邮箱 wang.fang@example.com', 0));
    await drained(connection.id);
    const conv = await conversationByExternalId(apiKey, 'conv-p');
    expect(conv.messages[0].text).toBe('我的手机138****5678，邮箱 w***@example.com');
    const raw = await (await connectionDb(connection.id)).prepare('select text from messages m join conversations c on c.id = m.conversation_id where c.connection_id = ?').bind(connection.id).first<{ text: string }>();
    expect(raw?.text).not.toContain('13812345678');
  });

  it('counts unknown event types and archives the delivery', async () => {
    const { storeId, apiKey, connection } = await setup();
    const res = await sendGeneric(connection, { type: 'agent.status_changed', timestamp: new Date().toISOString(), data: { anything: true } });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ events: 0, ignored: 1 });
    await drained(connection.id);
    expect(await archivedDeliveries(storeId, connection.id)).toHaveLength(1);
    const detail = await call('GET', `/v1/connections/${connection.id}`, { token: apiKey });
    expect(detail.json.stats).toMatchObject({ deliveries: { ignored: 1 }, ignoredEventTypes: 1 });
  });
});

describe('generic webhooks: bad input', () => {
  it('refuses a bad signature, a wrong secret, an edited body and stale or future timestamps with 401', async () => {
    const { storeId, connection } = await setup();
    const body = JSON.stringify(ev.message('conv-x', 'x1', 'customer', 'hi', 0));
    const url = `/webhooks/generic/${connection.id}`;
    const signed = await standardHeaders(connection.secret, 'd-1', body);
    expectError(await call('POST', url, { raw: body, headers: { ...signed, 'webhook-signature': 'v1,AAAA' } }), 401, 'invalid_signature');
    expectError(await call('POST', url, { raw: body, headers: await standardHeaders(`whsec_${btoa('another secret entirely!!')}`, 'd-1', body) }), 401, 'invalid_signature');
    expectError(await call('POST', url, { raw: body.replace('hi', 'hI'), headers: signed }), 401, 'invalid_signature');
    const now = Math.floor(Date.now() / 1000);
    expectError(await call('POST', url, { raw: body, headers: await standardHeaders(connection.secret, 'd-2', body, now - 6 * 60) }), 401, 'invalid_signature');
    expectError(await call('POST', url, { raw: body, headers: await standardHeaders(connection.secret, 'd-3', body, now + 6 * 60) }), 401, 'invalid_signature');
    expectError(await call('POST', url, { raw: body, headers: { 'content-type': 'application/json' } }), 401, 'invalid_signature');
    // Nothing was accepted, so nothing is queued or archived.
    await drained(connection.id);
    expect(await archivedDeliveries(storeId, connection.id)).toHaveLength(0);
  });

  it('accepts timestamps just inside the tolerance', async () => {
    const { connection } = await setup();
    const res = await sendGeneric(connection, ev.message('conv-t', 't1', 'customer', 'hi', 0), { timestamp: Math.floor(Date.now() / 1000) - 4 * 60 });
    expect(res.status).toBe(202);
  });

  it('answers 404 for an unknown connection, a platform mismatch or an unknown platform', async () => {
    const { connection } = await setup();
    const body = JSON.stringify(ev.message('c', 'm', 'customer', 'hi', 0));
    const headers = await standardHeaders(connection.secret, 'd', body);
    expectError(await call('POST', '/webhooks/generic/cn_missing', { raw: body, headers }), 404, 'not_found');
    expectError(await call('POST', `/webhooks/intercom/${connection.id}`, { raw: body, headers }), 404, 'not_found');
    expectError(await call('POST', `/webhooks/wechat/${connection.id}`, { raw: body, headers }), 404, 'not_found');
  });

  it('answers 400 with the field path for a malformed body, and for a body that is not JSON', async () => {
    const { connection } = await setup();
    const bad = ev.message('c', 'm', 'customer', 'hi', 0) as { data: Record<string, unknown> };
    (bad.data.sender as Record<string, unknown>).role = 'customer-service';
    expectError(await sendGeneric(connection, bad), 400, 'invalid_request', 'data.sender.role');
    const noId = ev.message('c', 'm', 'customer', 'hi', 0) as { data: Record<string, unknown> };
    delete noId.data.message_id;
    expectError(await sendGeneric(connection, { events: [ev.opened('c'), noId] }), 400, 'invalid_request', 'events.1.data.message_id');
    expectError(await sendGeneric(connection, ev.rated('c', 9, 5)), 400, 'invalid_request', 'data.rating.score');
    expectError(await sendGeneric(connection, { events: 'x' }), 400, 'invalid_request', 'events');
    const text = 'not json at all';
    expectError(await call('POST', `/webhooks/generic/${connection.id}`, { raw: text, headers: await standardHeaders(connection.secret, 'd-nj', text) }), 400, 'invalid_json');
    expectError(await call('POST', `/webhooks/generic/${connection.id}`, { raw: text, headers: await standardHeaders('whsec_b3RoZXItc2VjcmV0LW9mLTI0LWJ5dGVzISE=', 'd-nj', text) }), 401, 'invalid_signature');
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const { connection } = await setup();
    const big = ev.message('c', 'm', 'customer', 'x'.repeat(1024 * 1024), 0);
    expectError(await sendGeneric(connection, big), 413, 'payload_too_large');
  });
});
