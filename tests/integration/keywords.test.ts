import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestStore, expectError } from '../helpers/api';

let store: { storeId: string; apiKey: string };
let manager: string;
const test = (body: unknown, token = manager) => call('POST', '/v1/keywords/test', { token, body });

beforeAll(async () => {
  store = await createTestStore();
  manager = (await call('POST', '/v1/widget-tokens', { token: store.apiKey, body: { sub: 'boss', role: 'manager' } })).json.token;
});

describe('keyword lists and the sentence test', () => {
  it('lists the words in force per locale and list, with the store’s changes', async () => {
    await call('PATCH', '/v1/settings', { token: manager, body: { keywords: { 'zh-CN': { banned: { add: ['请找售后'], remove: ['没办法'] } } } } });
    const res = await call('GET', '/v1/keywords', { token: manager });
    expect(res.status).toBe(200);
    expect(res.json.lists).toContain('escalation');
    const banned = res.json.locales['zh-CN'].banned;
    expect(banned.words).toContain('请找售后');
    expect(banned.words).not.toContain('没办法');
    expect(banned).toMatchObject({ added: ['请找售后'], removed: ['没办法'] });
  });

  it('shows what the rules make of a sentence with the saved lists, or with a draft not yet saved', async () => {
    const saved = await test({ text: '亲，这个请找售后', speaker: 'agent' });
    expect(saved.status).toBe(200);
    expect(saved.json.rules.find((r: { rule: string }) => r.rule === 'banned_phrases')).toMatchObject({ outcome: 'fail', spans: [{ text: '请找售后' }] });
    expect(saved.json.lists.map((l: { list: string }) => l.list)).toEqual(expect.arrayContaining(['greeting', 'banned']));
    const draft = await test({ text: '亲，这个请找售后', speaker: 'agent', keywords: { 'zh-CN': { banned: { add: [], remove: [] } } } });
    expect(draft.json.rules.find((r: { rule: string }) => r.rule === 'banned_phrases').outcome).toBe('pass');
    const customer = await test({ text: '我要投诉', speaker: 'customer' });
    expect(customer.json.rules).toEqual([{ rule: 'escalation', outcome: 'fail', critical: false, spans: [{ start: 2, end: 4, text: '投诉' }] }]);
    const link = await test({ text: '加我微信 abc123', speaker: 'agent' });
    expect(link.json.rules.find((r: { rule: string }) => r.rule === 'diversion')).toMatchObject({ outcome: 'fail', critical: true });
  });

  it('refuses empty text, unknown lists, and roles other than manager', async () => {
    expectError(await test({ text: '' }), 400, 'invalid_request', 'text');
    expectError(await test({ text: 'hi', keywords: { en: { nonsense: { add: ['x'] } } } }), 400, 'invalid_request');
    await call('POST', '/v1/agents', { token: store.apiKey, body: { name: '小美', team: 't' } });
    const lead = (await call('POST', '/v1/widget-tokens', { token: store.apiKey, body: { sub: 'l', role: 'lead', team: 't' } })).json.token;
    expect(lead).toBeTruthy();
    expectError(await test({ text: 'hi' }, lead), 403, 'forbidden');
    expectError(await call('GET', '/v1/keywords', { token: lead }), 403, 'forbidden');
  });
});
