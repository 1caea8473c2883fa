import type { Context } from 'hono';
import { zodToAppError } from '../../domain/errors';
import { createConnection, createConnectionInput, getConnection, listConnections, rotateUrlToken, rotateUrlTokenInput } from '../../services/connections';
import type { AppEnv } from '../context';
import { API_KEY, defineRoute, idParam, json, jsonBodyOf, router } from '../route';
import { listOf } from '../schemas/common';
import { ConnectionSchema, ConnectionWithStatsSchema, NewConnectionSchema, RotatedUrlTokenSchema } from '../schemas/connections';

/** Where platforms reach this deployment: the configured public URL, else the request's own origin. */
export const publicBase = (c: Context<AppEnv>) => c.env.PUBLIC_BASE_URL || new URL(c.req.url).origin;
const tags = ['connections'];

const create = defineRoute({
  method: 'post', path: '/', tags, summary: 'Connect a chat platform', access: API_KEY,
  request: { body: jsonBodyOf(createConnectionInput) },
  responses: { 201: json(NewConnectionSchema, 'The connection with its webhook URL and secret (shown only here)') },
});
const list = defineRoute({ method: 'get', path: '/', tags, summary: "List the store's connections", access: API_KEY, responses: { 200: json(listOf(ConnectionSchema), 'Connections, newest first') } });
const one = defineRoute({
  method: 'get', path: '/{id}', tags, summary: 'A connection with its delivery counts', access: API_KEY,
  request: { params: idParam },
  responses: { 200: json(ConnectionWithStatsSchema, 'The connection') },
});

const rotate = defineRoute({
  method: 'post', path: '/{id}/url-token/rotate', tags, summary: "Replace a url_token connection's token, the old one working on for an overlap window", access: API_KEY,
  request: { params: idParam, body: { required: false, content: { 'application/json': { schema: rotateUrlTokenInput } } } },
  responses: { 200: json(RotatedUrlTokenSchema, 'The new webhook URL (shown only here)') },
});

export const connectionRoutes = router()
  .openapi(create, async (c) => c.json(await createConnection(c.env, c.get('db'), c.get('storeId'), c.req.valid('json'), publicBase(c)), 201))
  .openapi(list, async (c) => c.json({ data: await listConnections(c.get('db'), c.get('storeId'), publicBase(c)) }, 200))
  .openapi(one, async (c) => c.json(await getConnection(c.get('db'), c.get('storeId'), c.req.valid('param').id, publicBase(c)), 200))
  .openapi(rotate, async (c) => {
    // The body is optional: an empty POST rotates with the default overlap.
    const parsed = rotateUrlTokenInput.safeParse((await c.req.json().catch(() => ({}))) ?? {});
    if (!parsed.success) throw zodToAppError(parsed.error);
    const input = parsed.data;
    return c.json(await rotateUrlToken(c.get('db'), c.get('storeId'), c.req.valid('param').id, input, publicBase(c), c.get('now')()), 200);
  });
