import { describe, expect, it } from 'vitest';
import { call, createConnection, createTestStore, expectError } from '../helpers/api';

describe('connections', () => {
  it('creates a connection with a generated Standard Webhooks secret and a webhook URL', async () => {
    const { apiKey } = await createTestStore();
    const res = await call('POST', '/v1/connections', { token: apiKey, body: { platform: 'generic', name: 'JD relay' } });
    expect(res.status).toBe(201);
    expect(res.json.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    expect(res.json.webhookUrl).toBe(`https://shopqa.test/webhooks/generic/${res.json.id}`);
    const listed = await call('GET', '/v1/connections', { token: apiKey });
    expect(listed.json.data).toHaveLength(1);
    expect(listed.json.data[0].secret).toBeUndefined();
  });

  it("keeps the platform's own secret when one is given", async () => {
    const { apiKey } = await createTestStore();
    const c = await createConnection(apiKey, 'intercom', 'intercom-client-secret-123');
    expect(c.secret).toBe('intercom-client-secret-123');
  });

  it('refuses bad input with the field', async () => {
    const { apiKey } = await createTestStore();
    expectError(await call('POST', '/v1/connections', { token: apiKey, body: { platform: 'wechat', name: 'x' } }), 400, 'invalid_request', 'platform');
    expectError(await call('POST', '/v1/connections', { token: apiKey, body: { platform: 'crisp' } }), 400, 'invalid_request', 'name');
    expectError(await call('POST', '/v1/connections', { token: apiKey, body: { platform: 'crisp', name: 'x', secret: 'short' } }), 400, 'invalid_request', 'secret');
  });

  it('asks for the secret where the platform makes it, and for a Standard Webhooks secret on generic', async () => {
    const { apiKey } = await createTestStore();
    const create = (body: Record<string, unknown>) => call('POST', '/v1/connections', { token: apiKey, body: { name: 'x', ...body } });
    for (const platform of ['chatwoot', 'zendesk', 'intercom', 'crisp']) expectError(await create({ platform }), 400, 'invalid_request', 'secret');
    // Without a signature there is nothing to sign with; LiveChat takes a key the store chooses, or ShopQA's.
    expect((await create({ platform: 'chatwoot', auth: 'url_token' })).status).toBe(201);
    expect((await create({ platform: 'livechat' })).json.secret).toMatch(/^whs_/);
    expectError(await create({ platform: 'generic', secret: 'mysecret-123456' }), 400, 'invalid_request', 'secret');
    expectError(await create({ platform: 'generic', secret: `whsec_${btoa('too short')}` }), 400, 'invalid_request', 'secret');
    const own = `whsec_${btoa('a relay secret of 32 bytes!!!!!!')}`;
    expect((await create({ platform: 'generic', secret: own })).json.secret).toBe(own);
  });

  it("refuses another store's connection", async () => {
    const mine = await createTestStore();
    const theirs = await createTestStore();
    const theirConnection = await createConnection(theirs.apiKey, 'generic');
    expectError(await call('GET', `/v1/connections/${theirConnection.id}`, { token: mine.apiKey }), 404, 'not_found');
    expect((await call('GET', `/v1/connections/${theirConnection.id}`, { token: theirs.apiKey })).status).toBe(200);
  });
});
