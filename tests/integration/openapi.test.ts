import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app';
import { call } from '../helpers/api';

/** Routes that are served but are not part of the API: the benchmark's baseline. */
const NOT_API = new Set(['post /noop']);

async function openApi() {
  const res = await call('GET', '/openapi.json');
  expect(res.status).toBe(200);
  return res.json as { openapi: string; paths: Record<string, Record<string, any>> };
}

describe('the OpenAPI document, generated from the route declarations', () => {
  it('documents every route the app serves, and nothing it does not', async () => {
    const served = createApp()
      .routes.filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/(.)\/$/, '$1').replace(/:(\w+)/g, '{$1}')}`)
      .filter((op) => !NOT_API.has(op) && op !== 'get /openapi.json');
    const doc = await openApi();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(served.length).toBeGreaterThan(25);
    expect([...new Set(served)].sort()).toEqual([...new Set(documented)].sort());
  });

  it('gives every operation its access, parameters, request body and response schemas', async () => {
    const doc = await openApi();
    expect(doc.openapi).toBe('3.1.0');
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method} ${path}`;
        if (!op['x-access']?.kind) missing.push(`${name}: x-access`);
        for (const param of path.match(/\{(\w+)\}/g) ?? []) {
          if (!op.parameters?.some((p: any) => p.in === 'path' && `{${p.name}}` === param && p.schema)) missing.push(`${name}: path parameter ${param}`);
        }
        if (op.requestBody && !op.requestBody.content?.['application/json']?.schema) missing.push(`${name}: request body schema`);
        const success = Object.entries(op.responses ?? {}).filter(([status]) => status.startsWith('2'));
        if (!success.length) missing.push(`${name}: a success response`);
        for (const [status, response] of success) {
          const content = Object.values((response as any).content ?? {}) as { schema?: unknown }[];
          if (!content.length || !content.every((c) => c.schema)) missing.push(`${name}: ${status} response schema`);
        }
        for (const status of ['500']) if (!op.responses?.[status]) missing.push(`${name}: ${status} error response`);
        if (op['x-access']?.kind !== 'public' && !op.responses?.['401']) missing.push(`${name}: 401 error response`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('lists the stable calls with their bodies', async () => {
    const doc = await openApi();
    for (const path of ['/v1/operator/stores', '/v1/connections', '/v1/agents', '/v1/agents/{id}', '/v1/conversations', '/v1/conversations/{id}', '/v1/widget-tokens', '/v1/jobs/daily', '/v1/samples', '/webhooks/{platform}/{connectionId}']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/v1/reviews/{id}/submit']!.post.requestBody.content['application/json'].schema.properties.items.type).toBe('array');
    expect(doc.paths['/v1/operator/stores']!.post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['name', 'timezone', 'locale']));
    expect(doc.paths['/v1/conversations/{id}']!.get['x-access']).toEqual({ kind: 'store', roles: ['agent', 'lead', 'qa', 'manager'] });
  });

  it('says null where the server sends null, also for named schemas', async () => {
    const doc = (await openApi()) as any;
    const allowsNull = (schema: any): boolean =>
      schema?.type === 'null' || (Array.isArray(schema?.type) && schema.type.includes('null')) || [...(schema?.anyOf ?? []), ...(schema?.oneOf ?? [])].some(allowsNull);
    const schemas = doc.components.schemas;
    const latest = doc.paths['/v1/cards/latest'].get.responses['200'].content['application/json'].schema.properties;
    const teamAgent = doc.paths['/v1/coaching/team'].get.responses['200'].content['application/json'].schema.properties.agents.items.properties;
    for (const [where, schema] of Object.entries({
      'Conversation.autoQa': schemas.Conversation.properties.autoQa,
      'Card.praise.itemName': schemas.Card.properties.praise.properties.itemName,
      'cards/latest card': latest.card,
      'cards/latest reasonText': latest.reasonText,
      'coaching/team noCardText': teamAgent.noCardText,
    })) {
      expect(allowsNull(schema), where).toBe(true);
    }
    // The shape the generator writes for `Named.nullable()`, which no value matches: never again.
    const broken: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const allOf = (node as { allOf?: any[] }).allOf;
      if (allOf?.some((s) => s.$ref) && allOf.some((s) => Array.isArray(s.type) && s.type.includes('null'))) broken.push(path);
      for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
    };
    walk(doc, '');
    expect(broken).toEqual([]);
  });

  it('renders the document for people at /docs, from its own assets', async () => {
    const res = await call('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('/docs/swagger-ui-bundle.js');
    expect(res.text).toContain('/openapi.json');
  });
});
