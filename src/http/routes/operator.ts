import { z } from '@hono/zod-openapi';
import { issueApiKey, issueEmbedSecret, replayConnection, replayInput, rotateInput } from '../../services/operator';
import { createStore, createStoreInput, storeView } from '../../services/stores';
import { defineRoute, idParam, json, jsonBodyOf, OPERATOR, router } from '../route';
import { StoreSchema } from '../schemas/stores';

const tags = ['operator'];

const createStoreRoute = defineRoute({
  method: 'post', path: '/stores', tags, summary: 'Create a store and its first API key', access: OPERATOR,
  request: { body: jsonBodyOf(createStoreInput) },
  responses: { 201: json(z.object({ store: StoreSchema, apiKey: z.string().describe('Shown only here') }), 'The store and its API key') },
});
const apiKey = defineRoute({
  method: 'post', path: '/stores/{id}/api-keys', tags, summary: 'Issue a new API key, optionally revoking the others', access: OPERATOR,
  request: { params: idParam, body: jsonBodyOf(rotateInput) },
  responses: { 201: json(z.object({ apiKey: z.string() }), 'The new key, shown only here') },
});
const embedSecret = defineRoute({
  method: 'post', path: '/stores/{id}/embed-secret', tags, summary: 'Rotate the secret widget tokens are signed with', access: OPERATOR,
  request: { params: idParam },
  responses: { 201: json(z.object({ embedSecret: z.string() }), 'The new secret') },
});
const replay = defineRoute({
  method: 'post', path: '/replay', tags, summary: "Re-process a connection's stored webhook deliveries in a time range", access: OPERATOR,
  request: { body: jsonBodyOf(replayInput) },
  responses: { 202: json(z.object({ enqueued: z.number().int() }), 'How many deliveries were queued again') },
});

export const operatorRoutes = router()
  .openapi(createStoreRoute, async (c) => {
    const { store, apiKey } = await createStore(c.get('db'), c.req.valid('json'));
    return c.json({ store: storeView(store), apiKey }, 201);
  })
  .openapi(apiKey, async (c) => c.json(await issueApiKey(c.get('db'), c.req.valid('param').id, c.req.valid('json').revokeOthers, c.get('now')()), 201))
  .openapi(embedSecret, async (c) => c.json(await issueEmbedSecret(c.get('db'), c.req.valid('param').id, c.get('now')()), 201))
  .openapi(replay, async (c) => c.json(await replayConnection(c.get('db'), c.env.INGEST_QUEUE, c.req.valid('json')), 202));
