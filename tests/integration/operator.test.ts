import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { call, createTestStore, expectError, OPERATOR_TOKEN } from '../helpers/api';

describe('POST /v1/operator/stores', () => {
  it('creates a store and returns its API key once', async () => {
    const res = await call('POST', '/v1/operator/stores', { token: OPERATOR_TOKEN, body: { name: '旗舰店', timezone: 'Asia/Shanghai', locale: 'zh-CN' } });
    expect(res.status).toBe(201);
    expect(res.json.store).toMatchObject({ name: '旗舰店', timezone: 'Asia/Shanghai', locale: 'zh-CN' });
    expect(res.json.store.id).toMatch(/^st_/);
    expect(res.json.apiKey).toMatch(/^sk_live_/);
    expect(res.json.store.settings).toMatchObject({ maskPii: true, idleTimeoutMinutes: 30 });
    // The key works, and is stored only as a hash.
    expect((await call('GET', '/v1/agents', { token: res.json.apiKey })).status).toBe(200);
    // The embed secret signs the store backend's own widget tokens, from the start.
    expect(res.json.embedSecret).toMatch(/^es_/);
    const iat = Math.floor(Date.now() / 1000);
    const own = await sign({ store: res.json.store.id, sub: 'boss', role: 'manager', iat, exp: iat + 600, jti: 'j1' }, res.json.embedSecret, 'HS256');
    expect((await call('GET', '/v1/me', { token: own })).json).toMatchObject({ role: 'manager' });
    expect(JSON.stringify((await call('GET', `/v1/settings`, { token: res.json.apiKey })).json)).not.toContain(res.json.embedSecret);
  });

  it('refuses a missing or wrong operator token', async () => {
    const body = { name: 'x', timezone: 'UTC', locale: 'en' };
    expectError(await call('POST', '/v1/operator/stores', { body }), 401, 'unauthorized');
    expectError(await call('POST', '/v1/operator/stores', { token: 'op_wrong', body }), 401, 'unauthorized');
  });

  it('names the field at fault', async () => {
    const bad = (body: unknown) => call('POST', '/v1/operator/stores', { token: OPERATOR_TOKEN, body });
    expectError(await bad({ name: 'x', timezone: 'Mars/Olympus', locale: 'en' }), 400, 'invalid_request', 'timezone');
    expectError(await bad({ name: '', timezone: 'UTC', locale: 'en' }), 400, 'invalid_request', 'name');
    expectError(await bad({ name: 'x', timezone: 'UTC', locale: 'fr' }), 400, 'invalid_request', 'locale');
    expectError(await call('POST', '/v1/operator/stores', { token: OPERATOR_TOKEN, raw: '{not json', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
  });

  it('rotates API keys, optionally revoking the old ones', async () => {
    const { storeId, apiKey } = await createTestStore();
    const kept = await call('POST', `/v1/operator/stores/${storeId}/api-keys`, { token: OPERATOR_TOKEN, body: {} });
    expect(kept.status).toBe(201);
    expect((await call('GET', '/v1/agents', { token: apiKey })).status).toBe(200);
    const rotated = await call('POST', `/v1/operator/stores/${storeId}/api-keys`, { token: OPERATOR_TOKEN, body: { revokeOthers: true } });
    expectError(await call('GET', '/v1/agents', { token: apiKey }), 401, 'unauthorized');
    expectError(await call('GET', '/v1/agents', { token: kept.json.apiKey }), 401, 'unauthorized');
    expect((await call('GET', '/v1/agents', { token: rotated.json.apiKey })).status).toBe(200);
    expectError(await call('POST', '/v1/operator/stores/st_nope/api-keys', { token: OPERATOR_TOKEN, body: {} }), 404, 'not_found');
  });
});

describe('errors and meta', () => {
  it('answers unknown routes with the envelope and every response with a request id', async () => {
    const res = await call('GET', '/v1/nothing-here');
    expectError(res, 404, 'not_found');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('serves an OpenAPI document that lists every stable call', async () => {
    const res = await call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    for (const path of ['/v1/operator/stores', '/v1/connections', '/v1/agents', '/v1/agents/{id}', '/v1/conversations', '/v1/conversations/{id}', '/v1/widget-tokens']) {
      expect(Object.keys(res.json.paths)).toContain(path);
    }
    expect(res.json.paths['/v1/reviews/{id}/submit'].post.requestBody.content['application/json'].schema.properties.items.type).toBe('array');
    expect(res.json.paths['/v1/operator/stores'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['name', 'timezone', 'locale']),
    );
  });
});
