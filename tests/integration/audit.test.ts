import { parse } from 'csv-parse/browser/esm/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestStore, expectError, OPERATOR_TOKEN } from '../helpers/api';
import { storeDb } from '../helpers/stores';

let store: { storeId: string; apiKey: string };
let reviewer: string;
const tokens: Record<string, string> = {};
const audit = (query = '', token = tokens.manager) => call('GET', `/v1/audit${query}`, { token });

/** Widget tokens, minted again after the embed secret is rotated (which ends every earlier token). */
async function mintTokens() {
  const mint = async (body: unknown) => (await call('POST', '/v1/widget-tokens', { token: store.apiKey, body })).json.token as string;
  tokens.manager = await mint({ sub: 'boss', role: 'manager' });
  tokens.lead = await mint({ sub: 'lead-1', role: 'lead', team: '售前' });
  tokens.qa = await mint({ sub: reviewer, role: 'qa' });
}

beforeAll(async () => {
  store = await createTestStore();
  reviewer = (await call('POST', '/v1/reviewers', { token: store.apiKey, body: { name: '质检甲' } })).json.id;
  // A lead token names a team of the roster.
  await call('POST', '/v1/agents', { token: store.apiKey, body: { name: '小美', team: '售前' } });
  await mintTokens();
});

describe('the audit log', () => {
  it('records a settings change by whom, what it was and became; a change that changes nothing writes nothing', async () => {
    expect((await call('PATCH', '/v1/settings', { token: tokens.manager, body: { retentionDays: 90, sampling: { standardQuota: 6 } } })).status).toBe(200);
    expect((await call('PATCH', '/v1/settings', { token: tokens.manager, body: { retentionDays: 90 } })).status).toBe(200);
    const log = (await audit('?entityType=settings')).json.data;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor: { kind: 'widget', role: 'manager', sub: 'boss' }, entityType: 'settings', entityId: store.storeId, before: { retentionDays: 180 }, after: { retentionDays: 90 } });
    expect(log[0].before.sampling.standardQuota).toBe(5);
    expect(log[0].after.sampling.standardQuota).toBe(6);
  });

  it('records scorecard versions made and activated, and key rotations without the secrets', async () => {
    const cards = (await call('GET', '/v1/scorecards', { token: store.apiKey })).json.data as { id: string; phase: string; categories: unknown }[];
    const pre = cards.find((c) => c.phase === 'pre_sales')!;
    const created = await call('POST', '/v1/scorecards?activate=true', { token: tokens.manager, body: { phase: 'pre_sales', categories: pre.categories } });
    expect(created.status).toBe(201);
    expect((await call('POST', `/v1/scorecards/${pre.id}/activate`, { token: tokens.manager })).status).toBe(200);
    const key = (await call('POST', `/v1/operator/stores/${store.storeId}/api-keys`, { token: OPERATOR_TOKEN, body: {} })).json.apiKey as string;
    const secret = (await call('POST', `/v1/operator/stores/${store.storeId}/embed-secret`, { token: OPERATOR_TOKEN })).json.embedSecret as string;
    expectError(await audit(), 401, 'unauthorized');
    await mintTokens();
    const log = (await call('GET', '/v1/audit?limit=50', { token: store.apiKey })).json.data as { action: string; entityId: string; after: unknown; actor: { kind: string } }[];
    expect(log.map((e) => e.action)).toEqual(['embed_secret_rotated', 'api_key_rotated', 'scorecard_activated', 'scorecard_created', 'settings_changed']);
    expect(log[3]).toMatchObject({ entityId: created.json.id, after: { phase: 'pre_sales', activated: true } });
    expect(created.json.version).toBe(2);
    expect(log[2]).toMatchObject({ entityId: pre.id, after: { version: 1 } });
    expect(log[1]).toMatchObject({ actor: { kind: 'operator' }, after: { prefix: key.slice(0, 12), revokedOthers: false } });
    expect(JSON.stringify(log)).not.toContain(key);
    expect(JSON.stringify(log)).not.toContain(secret);
  });

  it('pages newest first with a cursor, and filters', async () => {
    const first = await audit('?limit=2');
    expect(first.json.data).toHaveLength(2);
    const second = await audit(`?limit=2&cursor=${encodeURIComponent(first.json.nextCursor)}`);
    expect(second.json.data.map((e: { action: string }) => e.action)).toEqual(['scorecard_activated', 'scorecard_created']);
    expect((await audit('?entityType=scorecard')).json.data).toHaveLength(2);
    expectError(await audit('?cursor=nonsense'), 400, 'invalid_request', 'cursor');
    expectError(await audit('?entityType=everything'), 400, 'invalid_request', 'entityType');
  });

  it('is for managers only, and another store sees nothing of it', async () => {
    expectError(await audit('', tokens.lead), 403, 'forbidden');
    expectError(await audit('', tokens.qa), 403, 'forbidden');
    const other = await createTestStore();
    expect((await audit('', other.apiKey)).json.data).toEqual([]);
  });

  it('exports as CSV in words, times in the store’s zone', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const res = await call('GET', `/v1/exports/audit.csv?from=${today}&to=${today}`, { token: tokens.manager });
    expect(res.status).toBe(200);
    const rows = parse(res.text, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['时间', '操作人', '操作', '对象', '变更前', '变更后', '原因']);
    expect(rows.slice(1).map((r) => r[2])).toEqual(['修改设置', '新建评分表版本', '启用评分表版本', '更换 API 密钥', '更换嵌入密钥']);
    expect(rows[1]![0]).toMatch(new RegExp(`^${today} \\d\\d:\\d\\d$`));
    expect(rows[1]![1]).toBe('主管 boss');
    expect(JSON.parse(rows[1]![5]!)).toMatchObject({ retentionDays: 90 });
    // A QA reviewer's entry names the reviewer, not only the id their token carries (as a submission writes it).
    await (await storeDb(store.storeId))
      .prepare("insert into audit_log (id, store_id, at, actor_kind, actor_role, actor_sub, entity_type, entity_id, action, after) values ('au_qa', ?, ?, 'widget', 'qa', ?, 'review', 'rev_1', 'review_submitted', '{\"score\":90}')")
      .bind(store.storeId, Date.now(), reviewer)
      .run();
    const withQa = parse((await call('GET', `/v1/exports/audit.csv?from=${today}&to=${today}`, { token: tokens.manager })).text, { bom: true }) as string[][];
    expect(withQa.at(-1)![1]).toBe(`质检员 质检甲 (${reviewer})`);
    // An agent the entry is about is named as well.
    const agent = (await call('GET', '/v1/agents', { token: store.apiKey })).json.data[0] as { id: string; name: string };
    await call('PATCH', `/v1/coaching/agents/${agent.id}/flags`, { token: tokens.manager, body: { excellent: true } });
    const withAgent = parse((await call('GET', `/v1/exports/audit.csv?from=${today}&to=${today}`, { token: tokens.manager })).text, { bom: true }) as string[][];
    expect(withAgent.at(-1)![3]).toBe(`客服 ${agent.name} (${agent.id})`);
    expectError(await call('GET', `/v1/exports/audit.csv?from=${today}&to=${today}`, { token: tokens.lead }), 403, 'forbidden');
  });
});
