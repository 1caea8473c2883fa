import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, MAX_API_BODY_BYTES } from '../../src/http/app';
import { BASE, call, createTestStore, expectError, OPERATOR_TOKEN } from '../helpers/api';
import { storeDb } from '../helpers/stores';
import { operations, opName } from '../helpers/openapi-ops';

let apiKey: string;
let storeId: string;
beforeAll(async () => ({ apiKey, storeId } = await createTestStore()));

const settingsOf = async () => (await (await storeDb(storeId)).prepare('select settings from stores where id = ?').bind(storeId).first<{ settings: string }>())!.settings;

describe('JSON API bodies are bounded', () => {
  it('a body over the limit is a 413 with the envelope, declared or streamed, and changes nothing', async () => {
    const before = await settingsOf();
    const domains = Array.from({ length: 60_000 }, (_, i) => `d${i}.example.com`);
    const body = JSON.stringify({ allowedDomains: domains });
    expect(body.length).toBeGreaterThan(MAX_API_BODY_BYTES);
    expectError(await call('PATCH', '/v1/settings', { token: apiKey, raw: body, headers: { 'content-type': 'application/json' } }), 413, 'payload_too_large');
    // Without a content-length the body is counted as it streams.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < body.length; i += 65_536) controller.enqueue(new TextEncoder().encode(body.slice(i, i + 65_536)));
        controller.close();
      },
    });
    expectError(await call('PATCH', '/v1/settings', { token: apiKey, raw: stream, headers: { 'content-type': 'application/json' } }), 413, 'payload_too_large');
    expectError(await call('POST', '/v1/operator/stores', { raw: body, headers: { 'content-type': 'application/json' } }), 413, 'payload_too_large');
    expect(await settingsOf()).toBe(before);
  });

  it('a body under the limit is still held to bounded lists', async () => {
    const domains = Array.from({ length: 501 }, (_, i) => `d${i}.example.com`);
    expectError(await call('PATCH', '/v1/settings', { token: apiKey, body: { allowedDomains: domains } }), 400, 'invalid_request', 'allowedDomains');
    expectError(await call('PATCH', '/v1/settings', { token: apiKey, body: { allowedDomains: ['x'.repeat(254)] } }), 400, 'invalid_request', 'allowedDomains.0');
    expect((await call('PATCH', '/v1/settings', { token: apiKey, body: { allowedDomains: domains.slice(0, 500) } })).status).toBe(200);
  });
});

describe('methods', () => {
  it('every documented path answers an undocumented method with 405, the envelope and Allow', async () => {
    const doc = (await call('GET', '/openapi.json')).json as { paths: Record<string, Record<string, { security?: Record<string, unknown>[] }>> };
    let checked = 0;
    for (const [template, operations] of Object.entries(doc.paths)) {
      const path = template.replace(/\{[^}]+\}/g, 'x1');
      const declared = Object.keys(operations).map((m) => m.toUpperCase());
      // Authenticated as the path asks (auth runs before routing decides the method is wrong).
      const scheme = Object.keys(Object.values(operations)[0]?.security?.[0] ?? {})[0];
      const token = scheme === 'operator' ? OPERATOR_TOKEN : apiKey;
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        if (declared.includes(method)) continue;
        const res = await call(method, path, { token });
        expectError(res, 405, 'method_not_allowed');
        const allow = res.headers.get('allow')!.split(', ');
        expect(allow).toEqual(expect.arrayContaining(declared));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('a path no route has is still a 404', async () => {
    expectError(await call('DELETE', '/v1/nowhere'), 404, 'not_found');
    expectError(await call('GET', '/v1/agents/x/y/z', { token: apiKey }), 404, 'not_found');
  });
});

describe('date and range parameters, on every operation that takes them', () => {
  it('a range that runs backwards, or a day or instant out of any sense, is a 400 naming the field', async () => {
    const { ops } = await operations();
    const failures: string[] = [];
    let checked = 0;
    const value = (format: unknown, which: 'early' | 'late' | 'absurd') =>
      format === 'date-time' ? { early: '2026-11-01T00:00:00Z', late: '2026-11-30T00:00:00Z', absurd: '9999-12-31T00:00:00Z' }[which] : { early: '2026-11-01', late: '2026-11-30', absurd: '9999-12-31' }[which];
    for (const op of ops.filter((o) => o.method === 'get' && o.access.kind === 'store' && !o.path.includes('{'))) {
      const query = op.parameters.filter((q) => q.in === 'query');
      const base = Object.fromEntries(query.filter((q) => q.required).map((q) => [q.name, q.schema?.format === 'date' ? '2026-11-21' : q.name === 'month' ? '2026-11' : 'x']));
      const from = query.find((q) => q.name === 'from');
      const to = query.find((q) => q.name === 'to');
      const cases: [Record<string, string>, string][] = [];
      if (from && to) cases.push([{ ...base, from: value(from.schema?.format, 'late'), to: value(to.schema?.format, 'early') }, 'backwards range']);
      for (const q of query.filter((x) => x.schema?.format === 'date' || x.schema?.format === 'date-time')) {
        cases.push([{ ...base, [q.name]: value(q.schema?.format, 'absurd') }, `${q.name} in year 9999`]);
        cases.push([{ ...base, [q.name]: q.schema?.format === 'date' ? '0001-01-01' : '0001-01-01T00:00:00Z' }, `${q.name} in year 1`]);
      }
      for (const [q, what] of cases) {
        const res = await call('GET', `${op.path}?${new URLSearchParams(q)}`, { token: apiKey });
        checked++;
        if (res.status !== 400 || res.json?.error?.code !== 'invalid_request') failures.push(`${opName(op)} ${what} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });
});

describe('the benchmark’s no-op route', () => {
  it('does not exist unless BENCH_NOOP=1', async () => {
    expectError(await call('POST', '/noop'), 404, 'not_found');
    expectError(await call('GET', '/noop'), 404, 'not_found');
    const ctx = createExecutionContext();
    const res = await createApp().fetch(new Request(`${BASE}/noop`, { method: 'POST' }), { ...env, BENCH_NOOP: '1' }, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(202);
  });
});
