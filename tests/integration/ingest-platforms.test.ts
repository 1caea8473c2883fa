import { describe, expect, it } from 'vitest';
import { call, createConnection, createTestStore, expectError } from '../helpers/api';
import { drained } from '../helpers/generic';
import * as p from '../helpers/platform-payloads';
import { nowSeconds, signers } from '../helpers/platform-signers';

async function setup(platform: string, secret: string) {
  const store = await createTestStore();
  const connection = await createConnection(store.apiKey, platform, secret);
  const post = (raw: string, headers: Record<string, string>) => call('POST', `/webhooks/${platform}/${connection.id}`, { raw, headers });
  const conversation = async (externalId: string) => {
    await drained(connection.id);
    const list = await call('GET', `/v1/conversations?externalId=${externalId}`, { token: store.apiKey });
    expect(list.json.data).toHaveLength(1);
    return (await call('GET', `/v1/conversations/${list.json.data[0].id}`, { token: store.apiKey })).json;
  };
  return { ...store, connection, post, conversation };
}

const roles = (conv: { messages: { role: string; internal: boolean; text: string }[] }) => conv.messages.map((m) => `${m.role}${m.internal ? ':note' : ''}`);

describe('chatwoot', () => {
  const secret = 'chatwoot-webhook-secret';
  it('assembles messages with roles and notes, and closes on resolved', async () => {
    const s = await setup('chatwoot', secret);
    const bodies = [
      p.chatwoot.message(1, 'incoming', '这个有货吗？', 1),
      p.chatwoot.message(2, 'outgoing', '亲，有货的', 15),
      p.chatwoot.message(3, 'outgoing', 'check stock first', 16, { private: true }),
      p.chatwoot.message(4, 'activity', 'Conversation was marked resolved by Agent Wang', 30, { sender: undefined }),
      p.chatwoot.resolved(31),
    ];
    for (const b of bodies) {
      const raw = JSON.stringify(b);
      expect((await s.post(raw, await signers.chatwoot(secret, raw))).status).toBe(202);
    }
    const conv = await s.conversation('321');
    expect(roles(conv)).toEqual(['customer', 'agent', 'agent:note', 'system']);
    expect(conv.status).toBe('closed');
  });

  it('verifies the raw bytes, not re-serialised JSON', async () => {
    const s = await setup('chatwoot', secret);
    // Rails escapes < > & as \u003c…: the bytes differ from JSON.stringify of the parsed body.
    const raw = JSON.stringify(p.chatwoot.message(9, 'incoming', '<b>尺码</b> & 颜色', 1)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
    expect((await s.post(raw, await signers.chatwoot(secret, raw))).status).toBe(202);
    expect((await s.conversation('321')).messages[0].text).toBe('<b>尺码</b> & 颜色');
  });

  it('refuses bad signatures and stale or future timestamps', async () => {
    const s = await setup('chatwoot', secret);
    const raw = JSON.stringify(p.chatwoot.message(1, 'incoming', 'hi', 1));
    expectError(await s.post(raw, await signers.chatwoot('wrong-secret', raw)), 401, 'invalid_signature');
    expectError(await s.post(raw.replace('hi', 'ho'), await signers.chatwoot(secret, raw)), 401, 'invalid_signature');
    expectError(await s.post(raw, await signers.chatwoot(secret, raw, nowSeconds() - 301)), 401, 'invalid_signature');
    expectError(await s.post(raw, await signers.chatwoot(secret, raw, nowSeconds() + 301)), 401, 'invalid_signature');
    expectError(await s.post(raw, { 'content-type': 'application/json' }), 401, 'invalid_signature');
  });

  it('names the field of a malformed body and ignores unknown events', async () => {
    const s = await setup('chatwoot', secret);
    const bad = JSON.stringify({ ...p.chatwoot.message(1, 'incoming', 'hi', 1), conversation: undefined });
    expectError(await s.post(bad, await signers.chatwoot(secret, bad)), 400, 'invalid_request', 'conversation');
    const other = JSON.stringify({ event: 'contact_created', id: 5 });
    const res = await s.post(other, await signers.chatwoot(secret, other));
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ events: 0, ignored: 1 });
  });
});

describe('zendesk', () => {
  const secret = 'zendesk-shared-secret-1';
  it('takes Sunshine Conversations messages (batched) and a Support CSAT rating', async () => {
    const s = await setup('zendesk', secret);
    const raw = JSON.stringify(p.sunshine([p.sunshineMessage('zm1', 'user', '我要退货', 1), p.sunshineMessage('zm2', 'business', '好的，马上为您处理', 20)]));
    expect((await s.post(raw, await signers.zendeskSunshine(secret))).json).toMatchObject({ events: 2 });
    const csat = JSON.stringify(p.zendeskCsat('bad', 90));
    expect((await s.post(csat, await signers.zendeskSupport(secret, csat))).status).toBe(202);
    const conv = await s.conversation('conv_zd_1');
    expect(roles(conv)).toEqual(['customer', 'agent']);
    expect(conv.rating).toBe(1);
  });

  it('refuses a wrong X-API-Key, a wrong or stale Support signature, and an edited body', async () => {
    const s = await setup('zendesk', secret);
    const raw = JSON.stringify(p.sunshine([p.sunshineMessage('zm1', 'user', 'hi', 1)]));
    expectError(await s.post(raw, await signers.zendeskSunshine('not-the-secret')), 401, 'invalid_signature');
    const csat = JSON.stringify(p.zendeskCsat('good', 90));
    expectError(await s.post(csat, await signers.zendeskSupport('other', csat)), 401, 'invalid_signature');
    expectError(await s.post(csat.replace('good', 'bad'), await signers.zendeskSupport(secret, csat)), 401, 'invalid_signature');
    expectError(await s.post(csat, await signers.zendeskSupport(secret, csat, new Date(Date.now() - 6 * 60_000).toISOString())), 401, 'invalid_signature');
    expectError(await s.post(raw, { 'content-type': 'application/json' }), 401, 'invalid_signature');
  });

  it('names the field of a malformed event', async () => {
    const s = await setup('zendesk', secret);
    const msg = p.sunshineMessage('zm1', 'user', 'hi', 1) as { payload: { message: Record<string, unknown> } };
    delete msg.payload.message.id;
    const raw = JSON.stringify(p.sunshine([p.sunshineMessage('ok', 'user', 'hi', 0), msg]));
    expectError(await s.post(raw, await signers.zendeskSunshine(secret)), 400, 'invalid_request', 'events.1.payload.message.id');
  });
});

describe('intercom', () => {
  const secret = 'intercom-client-secret';
  it('takes the source message, replies, notes, the close and the rating; repeated parts change nothing', async () => {
    const s = await setup('intercom', secret);
    const first = JSON.stringify(p.intercom('conversation.admin.replied', [p.intercomPart('5001', 'comment', '<p>Hello Tom, let me check.</p>', 30)]));
    const second = JSON.stringify(
      p.intercom(
        'conversation.admin.closed',
        [p.intercomPart('5001', 'comment', '<p>Hello Tom, let me check.</p>', 30), p.intercomPart('5002', 'note', '<p>refund approved</p>', 40), p.intercomPart('5003', 'close', null, 50)],
        { conversation_rating: { rating: 2, remark: 'slow', created_at: Math.floor(Date.UTC(2026, 10, 21, 3, 5) / 1000), teammate: { type: 'admin', id: 'adm_1' } } },
      ),
    );
    for (const raw of [first, second]) expect((await s.post(raw, await signers.intercom(secret, raw))).status).toBe(202);
    const conv = await s.conversation('98765');
    expect(roles(conv)).toEqual(['customer', 'agent', 'agent:note']);
    expect(conv.messages[0].text).toBe('Hi, where is my order & refund?');
    expect(conv).toMatchObject({ status: 'closed', rating: 2 });
  });

  it('refuses a bad X-Hub-Signature and an edited body; ignores ping', async () => {
    const s = await setup('intercom', secret);
    const raw = JSON.stringify(p.intercom('conversation.user.created', []));
    expectError(await s.post(raw, await signers.intercom('wrong', raw)), 401, 'invalid_signature');
    expectError(await s.post(raw.replace('Tom', 'Tim'), await signers.intercom(secret, raw)), 401, 'invalid_signature');
    const ping = JSON.stringify({ type: 'notification_event', topic: 'ping', id: 'notif_ping', data: { item: { type: 'ping' } } });
    expect((await s.post(ping, await signers.intercom(secret, ping))).json).toMatchObject({ events: 0, ignored: 1 });
  });
});

describe('livechat', () => {
  const secret = 'livechat-secret-key';
  it('takes a chat, its events, a rating and the deactivation', async () => {
    const s = await setup('livechat', secret);
    for (const body of [p.livechat.incomingChat(secret), p.livechat.incomingEvent(secret), p.livechat.rated(secret, 0), p.livechat.deactivated(secret)]) {
      expect((await s.post(JSON.stringify(body), { 'content-type': 'application/json' })).status).toBe(202);
    }
    const conv = await s.conversation('LC_CHAT_1');
    expect(roles(conv)).toEqual(['customer', 'agent', 'agent:note', 'customer']);
    expect(conv).toMatchObject({ status: 'closed', rating: 1 });
  });

  it('refuses a wrong or missing secret_key', async () => {
    const s = await setup('livechat', secret);
    expectError(await s.post(JSON.stringify(p.livechat.incomingEvent('nope')), {}), 401, 'invalid_signature');
    const { secret_key: _, ...without } = p.livechat.incomingEvent(secret);
    expectError(await s.post(JSON.stringify(without), {}), 401, 'invalid_signature');
  });
});

describe('crisp', () => {
  const secret = 'crisp-hook-secret';
  it('takes visitor and operator messages, notes and the resolution', async () => {
    const s = await setup('crisp', secret);
    const bodies = [p.crisp.message(111, 'user', '包裹到哪了？', 1), p.crisp.message(112, 'operator', '您好，已经在派送中', 12), p.crisp.message(113, 'operator', 'Hi! I am the bot', 13, { automated: true }), p.crisp.resolved(40)];
    for (const body of bodies) expect((await s.post(JSON.stringify(body), await signers.crisp(secret, body))).status).toBe(202);
    const conv = await s.conversation('session_crisp_1');
    expect(roles(conv)).toEqual(['customer', 'agent', 'bot']);
    expect(conv.status).toBe('closed');
  });

  it('verifies over JSON.stringify of the body as Crisp signs it, and refuses a wrong one or a stale timestamp', async () => {
    const s = await setup('crisp', secret);
    const body = p.crisp.message(111, 'user', 'hi', 1);
    // Whitespace in the bytes does not matter to Crisp's scheme: it signs its own serialisation.
    expect((await s.post(JSON.stringify(body, null, 2), await signers.crisp(secret, body))).status).toBe(202);
    expectError(await s.post(JSON.stringify(body), await signers.crisp('wrong', body)), 401, 'invalid_signature');
    expectError(await s.post(JSON.stringify({ ...body, event: 'message:received' }), await signers.crisp(secret, body)), 401, 'invalid_signature');
    expectError(await s.post(JSON.stringify(body), await signers.crisp(secret, body, Date.now() - 6 * 60_000)), 401, 'invalid_signature');
  });
});
