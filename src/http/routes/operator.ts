import { z } from '@hono/zod-openapi';
import { issueApiKey, issueEmbedSecret, replayConnection, replayInput, rotateInput } from '../../services/operator';
import { createStore, createStoreOperatorInput, storeView } from '../../services/stores';
import { defineRoute, idParam, json, jsonBodyOf, OPERATOR, router } from '../route';
import { StoreSchema } from '../schemas/stores';

const tags = ['operator'];

const createStoreRoute = defineRoute({
  method: 'post', path: '/stores', tags, summary: 'Create a store and its first API key, on the least full store database unless one is named', access: OPERATOR,
  request: { body: jsonBodyOf(createStoreOperatorInput) },
  responses: {
    201: json(
      z.object({
        store: StoreSchema.extend({ database: z.string().describe('The D1 database binding the store lives on') }),
        apiKey: z.string().describe('Shown only here'),
        embedSecret: z.string().describe("Signs the store backend's own widget tokens (HS256); shown only here, replaced by rotating it"),
      }),
      'The store, its API key and its embed secret',
    ),
  },
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
  responses: {
    202: json(
      z.object({ enqueued: z.number().int(), next: z.string().nullable().describe('When the range held more than one call reads: call again from here') }),
      'How many archived deliveries were queued again',
    ),
  },
});

export const operatorRoutes = router()
  .openapi(createStoreRoute, async (c) => {
    const { database, ...input } = c.req.valid('json');
    const created = await createStore(c.env, input, { database });
    // The embed secret too: a store backend that signs its own widget tokens needs it, and rotating it to
    // learn it would end every token already signed.
    return c.json({ store: { ...storeView(created.store), database: created.database }, apiKey: created.apiKey, embedSecret: created.store.embedSecret }, 201);
  })
  .openapi(apiKey, async (c) => c.json(await issueApiKey(c.env, c.req.valid('param').id, c.req.valid('json').revokeOthers, c.get('now')()), 201))
  .openapi(embedSecret, async (c) => c.json(await issueEmbedSecret(c.env, c.req.valid('param').id, c.get('now')()), 201))
  .openapi(replay, async (c) => c.json(await replayConnection(c.env, c.req.valid('json')), 202));
