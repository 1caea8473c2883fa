import { sign } from 'hono/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createConnection, createTestStore, expectError } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';
import { storeDb } from '../helpers/stores';

/** Two stores; in the first, two agents (two teams) with one conversation each. */
let mine: { storeId: string; apiKey: string };
let theirs: { storeId: string; apiKey: string };
let agentA: string;
let agentB: string;
let convA: string;
let convB: string;
let theirConv: string;

async function mint(apiKey: string, body: Record<string, unknown>) {
  const res = await call('POST', '/v1/widget-tokens', { token: apiKey, body });
  expect(res.status).toBe(201);
  return res.json.token as string;
}

beforeAll(async () => {
  mine = await createTestStore();
  theirs = await createTestStore();
  const c1 = await createConnection(mine.apiKey, 'generic');
  const c2 = await createConnection(theirs.apiKey, 'generic');
  await sendGeneric(c1, { events: [ev.message('a-1', 'a1', 'agent', '您好', 0, 0, { id: 'ag-a', name: 'A' }), ev.message('b-1', 'b1', 'agent', '您好', 1, 0, { id: 'ag-b', name: 'B' })] });
  await sendGeneric(c2, ev.message('t-1', 't1', 'agent', '您好', 0));
  await drained(c1.id);
  await drained(c2.id);
  const agents = (await call('GET', '/v1/agents', { token: mine.apiKey })).json.data as { id: string; name: string }[];
  agentA = agents.find((a) => a.name === 'A')!.id;
  agentB = agents.find((a) => a.name === 'B')!.id;
  await call('PATCH', `/v1/agents/${agentA}`, { token: mine.apiKey, body: { team: 'pre' } });
  await call('PATCH', `/v1/agents/${agentB}`, { token: mine.apiKey, body: { team: 'post' } });
  const list = (await call('GET', '/v1/conversations', { token: mine.apiKey })).json.data as { id: string; externalId: string }[];
  convA = list.find((c) => c.externalId === 'a-1')!.id;
  convB = list.find((c) => c.externalId === 'b-1')!.id;
  theirConv = (await call('GET', '/v1/conversations', { token: theirs.apiKey })).json.data[0].id;
});

describe('conversations and tenancy', () => {
  it("an API key sees its store's conversations only, and 404 for another store's id", async () => {
    const list = await call('GET', '/v1/conversations', { token: mine.apiKey });
    expect(list.json.data.map((c: { id: string }) => c.id).sort()).toEqual([convA, convB].sort());
    expectError(await call('GET', `/v1/conversations/${theirConv}`, { token: mine.apiKey }), 404, 'not_found');
    expect((await call('GET', `/v1/conversations?externalId=t-1`, { token: mine.apiKey })).json.data).toEqual([]);
    expectError(await call('GET', '/v1/conversations?agentId=ag_nobody', { token: mine.apiKey }), 404, 'not_found', 'agentId');
  });

  it('filters and pages', async () => {
    const byAgent = await call('GET', `/v1/conversations?agentId=${agentA}`, { token: mine.apiKey });
    expect(byAgent.json.data.map((c: { id: string }) => c.id)).toEqual([convA]);
    const page1 = await call('GET', '/v1/conversations?limit=1', { token: mine.apiKey });
    expect(page1.json.data).toHaveLength(1);
    const page2 = await call('GET', `/v1/conversations?limit=1&cursor=${encodeURIComponent(page1.json.nextCursor)}`, { token: mine.apiKey });
    expect(page2.json.data).toHaveLength(1);
    expect(page2.json.data[0].id).not.toBe(page1.json.data[0].id);
    expect(page2.json.nextCursor).toBeNull();
    const range = await call('GET', '/v1/conversations?from=2026-11-21T02:00:30Z&to=2026-11-21T03:00:00Z', { token: mine.apiKey });
    expect(range.json.data.map((c: { id: string }) => c.id)).toEqual([convB]);
    expectError(await call('GET', '/v1/conversations?cursor=garbage', { token: mine.apiKey }), 400, 'invalid_request', 'cursor');
    expectError(await call('GET', '/v1/conversations?limit=5000', { token: mine.apiKey }), 400, 'invalid_request', 'limit');
    expectError(await call('GET', '/v1/conversations?from=yesterday', { token: mine.apiKey }), 400, 'invalid_request', 'from');
  });
});

describe('widget tokens', () => {
  it('an agent token sees only its own conversations', async () => {
    const token = await mint(mine.apiKey, { sub: 'user-a', role: 'agent', agentId: agentA });
    const list = await call('GET', '/v1/conversations', { token });
    expect(list.json.data.map((c: { id: string }) => c.id)).toEqual([convA]);
    expect((await call('GET', `/v1/conversations/${convA}`, { token })).status).toBe(200);
    expectError(await call('GET', `/v1/conversations/${convB}`, { token }), 404, 'not_found');
    // Asking for another agent by filter is refused as on every list: 404, the filter named.
    expectError(await call('GET', `/v1/conversations?agentId=${agentB}`, { token }), 404, 'not_found', 'agentId');
    expect((await call('GET', `/v1/conversations?agentId=${agentA}`, { token })).json.data.map((c: { id: string }) => c.id)).toEqual([convA]);
    expectError(await call('GET', `/v1/conversations/${theirConv}`, { token }), 404, 'not_found');
    // And the roster is not open to agents.
    expectError(await call('GET', '/v1/agents', { token }), 403, 'forbidden');
  });

  it("a lead token sees its team's conversations and agents", async () => {
    const token = await mint(mine.apiKey, { sub: 'lead-1', role: 'lead', team: 'post' });
    expect((await call('GET', '/v1/conversations', { token })).json.data.map((c: { id: string }) => c.id)).toEqual([convB]);
    expectError(await call('GET', `/v1/conversations/${convA}`, { token }), 404, 'not_found');
    expectError(await call('GET', `/v1/conversations?agentId=${agentA}`, { token }), 404, 'not_found', 'agentId');
    expect((await call('GET', '/v1/agents', { token })).json.data.map((a: { id: string }) => a.id)).toEqual([agentB]);
    expect((await call('GET', '/v1/agents?team=post', { token })).json.data.map((a: { id: string }) => a.id)).toEqual([agentB]);
    expectError(await call('GET', '/v1/agents?team=pre', { token }), 404, 'not_found', 'team');
    expectError(await call('GET', `/v1/agents/${agentA}`, { token }), 404, 'not_found');
  });

  it('a manager token sees the store; no widget token can change the roster or mint tokens', async () => {
    const token = await mint(mine.apiKey, { sub: 'boss', role: 'manager' });
    expect((await call('GET', '/v1/conversations', { token })).json.data).toHaveLength(2);
    expectError(await call('POST', '/v1/agents', { token, body: { name: 'x' } }), 403, 'forbidden');
    expectError(await call('POST', '/v1/widget-tokens', { token, body: { sub: 'x', role: 'manager' } }), 403, 'forbidden');
    expectError(await call('GET', `/v1/conversations/${theirConv}`, { token }), 404, 'not_found');
  });

  it('accepts a token the store backend signed itself with its embed secret, within the hour', async () => {
    const { embed_secret: secret } = (await (await storeDb(mine.storeId)).prepare('select embed_secret from stores where id = ?').bind(mine.storeId).first<{ embed_secret: string }>())!;
    const iat = Math.floor(Date.now() / 1000);
    const own = await sign({ store: mine.storeId, sub: 'u', role: 'agent', agent: agentB, iat, exp: iat + 600, jti: 'j1' }, secret, 'HS256');
    expect((await call('GET', '/v1/conversations', { token: own })).json.data.map((c: { id: string }) => c.id)).toEqual([convB]);
    const tooLong = await sign({ store: mine.storeId, sub: 'u', role: 'manager', iat, exp: iat + 7200, jti: 'j2' }, secret, 'HS256');
    expectError(await call('GET', '/v1/conversations', { token: tooLong }), 401, 'unauthorized');
    const expired = await sign({ store: mine.storeId, sub: 'u', role: 'manager', iat: iat - 4000, exp: iat - 400, jti: 'j3' }, secret, 'HS256');
    expectError(await call('GET', '/v1/conversations', { token: expired }), 401, 'unauthorized');
    // Signed with the right secret but claiming another store: that store's secret does not match.
    const forged = await sign({ store: theirs.storeId, sub: 'u', role: 'manager', iat, exp: iat + 600, jti: 'j4' }, secret, 'HS256');
    expectError(await call('GET', '/v1/conversations', { token: forged }), 401, 'unauthorized');
  });

  it('validates minting, and refuses another store’s agent', async () => {
    const bad = (body: unknown) => call('POST', '/v1/widget-tokens', { token: mine.apiKey, body });
    expectError(await bad({ sub: 'x', role: 'agent' }), 400, 'invalid_request', 'agentId');
    expectError(await bad({ sub: 'x', role: 'lead' }), 400, 'invalid_request', 'team');
    expectError(await bad({ sub: 'x', role: 'owner' }), 400, 'invalid_request', 'role');
    expectError(await bad({ sub: 'x', role: 'manager', ttlSeconds: 7200 }), 400, 'invalid_request', 'ttlSeconds');
    // A claim the role does not read is refused, not signed into a token where it looks like a scope.
    expectError(await bad({ sub: 'x', role: 'manager', agentId: agentA }), 400, 'invalid_request', 'agentId');
    expectError(await bad({ sub: 'x', role: 'agent', agentId: agentA, team: 'post' }), 400, 'invalid_request', 'team');
    const theirAgent = (await call('GET', '/v1/agents', { token: theirs.apiKey })).json.data[0].id;
    expectError(await bad({ sub: 'x', role: 'agent', agentId: theirAgent }), 404, 'not_found', 'agentId');
    const ok = await bad({ sub: 'x', role: 'manager', ttlSeconds: 600 });
    expect(Date.parse(ok.json.expiresAt) - Date.now()).toBeLessThanOrEqual(600_000);
  });

  it('issues a QA token only for an active reviewer of the store, and a lead token only for a team that exists', async () => {
    const mint = (body: unknown, apiKey = mine.apiKey) => call('POST', '/v1/widget-tokens', { token: apiKey, body });
    const reviewer = (await call('POST', '/v1/reviewers', { token: mine.apiKey, body: { name: 'QA one' } })).json.id;
    const theirReviewer = (await call('POST', '/v1/reviewers', { token: theirs.apiKey, body: { name: 'QA two' } })).json.id;
    const retired = (await call('POST', '/v1/reviewers', { token: mine.apiKey, body: { name: 'QA gone', active: false } })).json.id;
    expectError(await mint({ sub: 'anyone', role: 'qa' }), 404, 'not_found', 'sub');
    expectError(await mint({ sub: theirReviewer, role: 'qa' }), 404, 'not_found', 'sub');
    expectError(await mint({ sub: retired, role: 'qa' }), 404, 'not_found', 'sub');
    expect((await mint({ sub: reviewer, role: 'qa' })).status).toBe(201);
    expectError(await mint({ sub: 'lead', role: 'lead', team: 'nobody' }), 404, 'not_found', 'team');
    // Team names are per store: another store's team is not one of this store's.
    await call('POST', '/v1/agents', { token: theirs.apiKey, body: { name: 'x', team: 'theirs-only' } });
    expectError(await mint({ sub: 'lead', role: 'lead', team: 'theirs-only' }), 404, 'not_found', 'team');
    expect((await mint({ sub: 'lead', role: 'lead', team: 'pre' })).status).toBe(201);
  });
});
