import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { OPERATIONS } from '../openapi-operations';

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } },
    },
  },
};

/** The OpenAPI 3.1 document, built from the same zod schemas the routes validate with. */
export function buildOpenApi(origin: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    const params = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = op.query ? (z.toJSONSchema(op.query, { io: 'input' }) as { properties?: Record<string, unknown>; required?: string[] }) : null;
    for (const [name, schema] of Object.entries(query?.properties ?? {})) {
      params.push({ name, in: 'query', required: query?.required?.includes(name) ?? false, schema: schema as never });
    }
    paths[path] ??= {};
    paths[path][op.method] = {
      summary: op.summary,
      tags: [op.tag],
      security: op.auth === 'none' ? [] : [{ [op.auth]: [] }],
      parameters: params,
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
      responses: {
        [op.status]: { description: op.response },
        default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'ShopQA API', version: '1.0.0', description: 'Quality assurance and coaching for customer-service chat teams.' },
    servers: [{ url: origin }],
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'Store API key, sk_…' },
        widgetToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Widget token (HS256), or the store API key' },
        operator: { type: 'http', scheme: 'bearer', description: 'Operator token' },
        signature: { type: 'apiKey', in: 'header', name: 'webhook-signature', description: "The platform's own signature scheme" },
      },
    },
  };
}

export const openApiRoutes = new Hono<AppEnv>().get('/openapi.json', (c) => c.json(buildOpenApi(c.env.PUBLIC_BASE_URL || new URL(c.req.url).origin)));
