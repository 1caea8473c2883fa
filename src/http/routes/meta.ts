import { z } from '@hono/zod-openapi';
import { html } from 'hono/html';
import type { AppEnv } from '../context';
import { defineRoute, json, PUBLIC, router } from '../route';

const health = defineRoute({ method: 'get', path: '/health', tags: ['meta'], summary: 'Liveness', access: PUBLIC, responses: { 200: json(z.object({ ok: z.literal(true) }), 'Alive') } });
const docs = defineRoute({
  method: 'get', path: '/docs', tags: ['meta'], summary: 'This API described for people (the OpenAPI document rendered)', access: PUBLIC,
  responses: { 200: { description: 'An HTML page', content: { 'text/html': { schema: z.string() } } } },
});

/** GET /health, and GET /docs: the OpenAPI document rendered by Swagger UI, served from this Worker's own assets (works offline). */
export const metaRoutes = router()
  .openapi(health, (c) => c.json({ ok: true as const }, 200))
  .openapi(docs, (c) =>
    c.html(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>ShopQA API</title><link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="api-docs"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#api-docs', deepLinking: true });</script>
</body></html>`),
  );

/** The document's frame: what the routes' own declarations do not say. */
export function openApiConfig(c: { env: AppEnv['Bindings']; req: { url: string } }) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'ShopQA API',
      version: '1.0.0',
      description:
        'Quality assurance and coaching for customer-service chat teams. Errors are always `{"error": {"code", "message", "field"?}}`. `x-access` on each operation says who may call it.',
    },
    servers: [{ url: c.env.PUBLIC_BASE_URL || new URL(c.req.url).origin }],
  };
}
