import { z } from '@hono/zod-openapi';
import { mintInput, mintWidgetToken } from '../../services/widget-tokens';
import { API_KEY, defineRoute, json, jsonBodyOf, router } from '../route';
import { isoTime } from '../schemas/common';

const mint = defineRoute({
  method: 'post', path: '/', tags: ['widget'], summary: 'Mint a widget token (at most one hour)', access: API_KEY,
  request: { body: jsonBodyOf(mintInput) },
  responses: { 201: json(z.object({ token: z.string(), expiresAt: isoTime }), 'The token (HS256 JWT) and when it expires') },
});

export const widgetTokenRoutes = router().openapi(mint, async (c) => c.json(await mintWidgetToken(c.get('db'), c.get('storeId'), c.req.valid('json'), c.get('now')()), 201));
