import { describe, expect, it } from 'vitest';
import { call, createConnection, createTestStore, expectError } from '../helpers/api';
import { drained } from '../helpers/generic';
import { chatwootSession } from '../fixtures/chatwoot';
import { crispSession } from '../fixtures/crisp';
import { intercomSession } from '../fixtures/intercom';
import { livechatSession } from '../fixtures/livechat';
import { sunshine, sunshineSession, zendeskCsat } from '../fixtures/zendesk';
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

/** Signature checks and malformed bodies; what each platform's deliveries store is in platform-*.test.ts. */
const cw = chatwootSession({ displayId: 12, contact: { id: 501, name: 'Li Lei' }, assignee: null });
const zd = sunshineSession('conv_zd_1', { id: 'user_1', name: '王女士' });
const ic = intercomSession('98765', { id: 'u_55', name: 'Tom' });
const cr = crispSession('session_crisp_1', { id: 'visitor-1', name: '访客' });

describe('chatwoot', () => {
  const secret = 'chatwoot-webhook-secret';
  it('verifies the raw bytes, not re-serialised JSON', async () => {
    const s = await setup('chatwoot', secret);
    // Rails escapes < > & as \u003c…: the bytes differ from JSON.stringify of the parsed body.
    const raw = JSON.stringify(cw.customer(9, '<b>尺码</b> & 颜色', 1)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
    expect((await s.post(raw, await signers.chatwoot(secret, raw))).status).toBe(202);
    expect((await s.conversation('12')).messages[0].text).toBe('<b>尺码</b> & 颜色');
  });

  it('refuses bad signatures and stale or future timestamps', async () => {
    const s = await setup('chatwoot', secret);
    const raw = JSON.stringify(cw.customer(1, 'hi', 1));
    expectError(await s.post(raw, await signers.chatwoot('wrong-secret', raw)), 401, 'invalid_signature');
    expectError(await s.post(raw.replace('hi', 'ho'), await signers.chatwoot(secret, raw)), 401, 'invalid_signature');
    expectError(await s.post(raw, await signers.chatwoot(secret, raw, nowSeconds() - 301)), 401, 'invalid_signature');
    expectError(await s.post(raw, await signers.chatwoot(secret, raw, nowSeconds() + 301)), 401, 'invalid_signature');
    expectError(await s.post(raw, { 'content-type': 'application/json' }), 401, 'invalid_signature');
  });

  it('names the field of a malformed body and ignores unknown events', async () => {
    const s = await setup('chatwoot', secret);
    const bad = JSON.stringify({ ...cw.customer(1, 'hi', 1), conversation: undefined });
    expectError(await s.post(bad, await signers.chatwoot(secret, bad)), 400, 'invalid_request', 'conversation');
    const list = '[1,2]';
    const notObject = await s.post(list, await signers.chatwoot(secret, list));
    expectError(notObject, 400, 'invalid_request', 'body');
    expect(notObject.json.error.message).toBe('body: must be an object');
    const other = JSON.stringify({ event: 'contact_created', id: 5 });
    const res = await s.post(other, await signers.chatwoot(secret, other));
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ events: 0, ignored: 1 });
  });
});

describe('zendesk', () => {
  const secret = 'zendesk-shared-secret-1';
  it('refuses a wrong X-API-Key, a wrong or stale Support signature, and an edited body', async () => {
    const s = await setup('zendesk', secret);
    const raw = JSON.stringify(sunshine([zd.customer('zm1', 'hi', 1)]));
    expectError(await s.post(raw, await signers.zendeskSunshine('not-the-secret')), 401, 'invalid_signature');
    const csat = JSON.stringify(zendeskCsat('conv_zd_1', 'good', 90));
    expectError(await s.post(csat, await signers.zendeskSupport('other', csat)), 401, 'invalid_signature');
    expectError(await s.post(csat.replace('good', 'bad'), await signers.zendeskSupport(secret, csat)), 401, 'invalid_signature');
    expectError(await s.post(csat, await signers.zendeskSupport(secret, csat, new Date(Date.now() - 6 * 60_000).toISOString())), 401, 'invalid_signature');
    expectError(await s.post(raw, { 'content-type': 'application/json' }), 401, 'invalid_signature');
  });

  it('names the field of a malformed event', async () => {
    const s = await setup('zendesk', secret);
    const msg = zd.customer('zm1', 'hi', 1) as { payload: { message: Record<string, unknown> } };
    delete msg.payload.message.id;
    const raw = JSON.stringify(sunshine([zd.customer('ok', 'hi', 0), msg]));
    expectError(await s.post(raw, await signers.zendeskSunshine(secret)), 400, 'invalid_request', 'events.1.payload.message.id');
  });
});

describe('intercom', () => {
  const secret = 'intercom-client-secret';
  it('refuses a bad X-Hub-Signature and an edited body; ignores ping', async () => {
    const s = await setup('intercom', secret);
    const raw = JSON.stringify(ic('conversation.user.created', []));
    expectError(await s.post(raw, await signers.intercom('wrong', raw)), 401, 'invalid_signature');
    expectError(await s.post(raw.replace('Tom', 'Tim'), await signers.intercom(secret, raw)), 401, 'invalid_signature');
    const ping = JSON.stringify({ type: 'notification_event', topic: 'ping', id: 'notif_ping', data: { item: { type: 'ping' } } });
    expect((await s.post(ping, await signers.intercom(secret, ping))).json).toMatchObject({ events: 0, ignored: 1 });
  });
});

describe('livechat', () => {
  const secret = 'livechat-secret-key';
  it('refuses a wrong or missing secret_key', async () => {
    const s = await setup('livechat', secret);
    const lc = (key: string) => livechatSession(key, 'LC_CHAT_1', 'T1', { id: 'cust-1', name: 'Mia' });
    expectError(await s.post(JSON.stringify(lc('nope').incomingEvent(lc('nope').message('E1', 'cust-1', 'hi', 1))), {}), 401, 'invalid_signature');
    const { secret_key: _, ...without } = lc(secret).incomingEvent(lc(secret).message('E1', 'cust-1', 'hi', 1));
    expectError(await s.post(JSON.stringify(without), {}), 401, 'invalid_signature');
  });
});

describe('crisp', () => {
  const secret = 'crisp-hook-secret';
  it('verifies over JSON.stringify of the body as Crisp signs it, and refuses a wrong one or a stale timestamp', async () => {
    const s = await setup('crisp', secret);
    const body = cr.customer(111, 'hi', 1);
    // Whitespace in the bytes does not matter to Crisp's scheme: it signs its own serialisation.
    expect((await s.post(JSON.stringify(body, null, 2), await signers.crisp(secret, body))).status).toBe(202);
    expectError(await s.post(JSON.stringify(body), await signers.crisp('wrong', body)), 401, 'invalid_signature');
    expectError(await s.post(JSON.stringify({ ...body, event: 'message:received' }), await signers.crisp(secret, body)), 401, 'invalid_signature');
    expectError(await s.post(JSON.stringify(body), await signers.crisp(secret, body, Date.now() - 6 * 60_000)), 401, 'invalid_signature');
  });
});

describe('a body that is not JSON', () => {
  const notJson = '{"event": "message_created", "id": ';
  it('is refused as unauthenticated unless it carries a valid signature, then as not JSON', async () => {
    const cases: [string, string, (secret: string) => Promise<Record<string, string>>][] = [
      ['chatwoot', 'chatwoot-webhook-secret', (s) => signers.chatwoot(s, notJson)],
      ['zendesk', 'zendesk-shared-secret-1', (s) => signers.zendeskSupport(s, notJson)],
      ['intercom', 'intercom-client-secret', (s) => signers.intercom(s, notJson)],
    ];
    for (const [platform, secret, sign] of cases) {
      const s = await setup(platform, secret);
      expectError(await s.post(notJson, { 'content-type': 'application/json' }), 401, 'invalid_signature');
      expectError(await s.post(notJson, await sign('not-the-secret')), 401, 'invalid_signature');
      expectError(await s.post(notJson, await sign(secret)), 400, 'invalid_json');
    }
  });

  it('is unauthenticated where the proof travels inside the JSON (LiveChat, Crisp)', async () => {
    const livechat = await setup('livechat', 'livechat-secret-key');
    expectError(await livechat.post(notJson, {}), 401, 'invalid_signature');
    const crisp = await setup('crisp', 'crisp-hook-secret');
    const headers = await signers.crisp('crisp-hook-secret', {});
    expectError(await crisp.post(notJson, headers), 401, 'invalid_signature');
  });
});
