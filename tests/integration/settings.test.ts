import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestStore, expectError } from '../helpers/api';

let store: { storeId: string; apiKey: string };
const patch = (body: unknown) => call('PATCH', '/v1/settings', { token: store.apiKey, body });

beforeAll(async () => {
  store = await createTestStore();
});

describe('PATCH /v1/settings', () => {
  it('reads every setting with its default', async () => {
    const res = await call('GET', '/v1/settings', { token: store.apiKey });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ maskPii: true, idleTimeoutMinutes: 30, retentionDays: 180, allowedDomains: [], keywords: {}, sampling: { standardQuota: 5, newHireQuota: 10, randomShare: 0.4 } });
  });

  it('merges nested objects: a sampling field keeps the others, a keyword locale keeps the other locales and lists', async () => {
    await patch({ sampling: { newHireQuota: 8 } });
    const res = await patch({ sampling: { randomShare: 0.5 } });
    expect(res.json.sampling).toMatchObject({ newHireQuota: 8, randomShare: 0.5, standardQuota: 5 });
    await patch({ keywords: { 'zh-CN': { banned: { add: ['看不懂吗'] } } } });
    await patch({ keywords: { en: { banned: { add: ['deal with it'] } } } });
    const both = await patch({ keywords: { en: { greeting: { add: ['howdy'] } } } });
    expect(both.json.keywords['zh-CN'].banned.add).toEqual(['看不懂吗']);
    expect(both.json.keywords.en.banned.add).toEqual(['deal with it']);
    expect(both.json.keywords.en.greeting.add).toEqual(['howdy']);
    const read = await call('GET', '/v1/settings', { token: store.apiKey });
    expect(read.json).toEqual(both.json);
  });

  it('refuses unknown keys, naming the field, and changes nothing', async () => {
    const before = (await call('GET', '/v1/settings', { token: store.apiKey })).json;
    // The unknown key itself is the field at fault (a misspelt maskPii is not "the body").
    expectError(await patch({ maskPII: false }), 400, 'invalid_request', 'maskPII');
    expect((await patch({ maskPII: false })).json.error.message).toContain('maskPII');
    expectError(await patch({ sampling: { quota: 3 } }), 400, 'invalid_request', 'sampling.quota');
    expectError(await patch({ sampling: { newHireQuota: 11 } }), 400, 'invalid_request', 'sampling.newHireQuota');
    expectError(await patch({}), 400, 'invalid_request');
    expect((await call('GET', '/v1/settings', { token: store.apiKey })).json).toEqual(before);
  });

  it('answers a body that is not JSON with 400, and one that is not declared JSON with 415', async () => {
    expectError(await call('PATCH', '/v1/settings', { token: store.apiKey, raw: '{nope', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
    expectError(await call('PATCH', '/v1/settings', { token: store.apiKey, raw: 'maskPii=false', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
  });
});
