import { describe, expect, it } from 'vitest';
import { call, createConnection, createTestStore, expectError } from '../helpers/api';

describe('roster', () => {
  it('adds, lists, completes and maps agents', async () => {
    const { apiKey } = await createTestStore();
    const connection = await createConnection(apiKey, 'generic');
    const created = await call('POST', '/v1/agents', {
      token: apiKey,
      body: { name: '小美', team: 'pre_sales', phase: 'pre_sales', hiredAt: '2026-11-01', externalIds: [{ connectionId: connection.id, externalId: 'jd-001' }] },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: '小美', team: 'pre_sales', hiredAt: '2026-11-01', excellent: false, externalIds: [{ connectionId: connection.id, externalId: 'jd-001' }] });

    const patched = await call('PATCH', `/v1/agents/${created.json.id}`, { token: apiKey, body: { excellent: true, team: 'after_sales' } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ excellent: true, team: 'after_sales', externalIds: [{ externalId: 'jd-001' }] });

    const list = await call('GET', '/v1/agents', { token: apiKey });
    expect(list.json.data.map((a: { id: string }) => a.id)).toEqual([created.json.id]);
  });

  it('validates input and names the field', async () => {
    const { apiKey } = await createTestStore();
    expectError(await call('POST', '/v1/agents', { token: apiKey, body: {} }), 400, 'invalid_request', 'name');
    expectError(await call('POST', '/v1/agents', { token: apiKey, body: { name: 'a', hiredAt: '2026-13-45' } }), 400, 'invalid_request', 'hiredAt');
    expectError(await call('POST', '/v1/agents', { token: apiKey, body: { name: 'a', phase: 'weekend' } }), 400, 'invalid_request', 'phase');
    const { json: agent } = await call('POST', '/v1/agents', { token: apiKey, body: { name: 'a' } });
    expectError(await call('PATCH', `/v1/agents/${agent.id}`, { token: apiKey, body: {} }), 400, 'invalid_request');
    expectError(
      await call('PATCH', `/v1/agents/${agent.id}`, { token: apiKey, body: { externalIds: [{ connectionId: 'cn_missing', externalId: 'x' }] } }),
      404,
      'not_found',
      'externalIds.0.connectionId',
    );
  });

  it("refuses another store's agents and connections", async () => {
    const mine = await createTestStore();
    const theirs = await createTestStore();
    const theirConnection = await createConnection(theirs.apiKey, 'generic');
    const { json: theirAgent } = await call('POST', '/v1/agents', { token: theirs.apiKey, body: { name: 'other' } });
    expectError(await call('GET', `/v1/agents/${theirAgent.id}`, { token: mine.apiKey }), 404, 'not_found');
    expectError(await call('PATCH', `/v1/agents/${theirAgent.id}`, { token: mine.apiKey, body: { name: 'stolen' } }), 404, 'not_found');
    expect((await call('GET', '/v1/agents', { token: mine.apiKey })).json.data).toEqual([]);
    // Mapping my agent to their connection is refused too.
    const { json: myAgent } = await call('POST', '/v1/agents', { token: mine.apiKey, body: { name: 'me' } });
    expectError(
      await call('PATCH', `/v1/agents/${myAgent.id}`, { token: mine.apiKey, body: { externalIds: [{ connectionId: theirConnection.id, externalId: 'x' }] } }),
      404,
      'not_found',
    );
    expect((await call('GET', `/v1/agents/${theirAgent.id}`, { token: theirs.apiKey })).json.name).toBe('other');
  });

  it('requires a key', async () => {
    expectError(await call('GET', '/v1/agents'), 401, 'unauthorized');
    expectError(await call('GET', '/v1/agents', { token: 'sk_live_unknown' }), 401, 'unauthorized');
  });
});
