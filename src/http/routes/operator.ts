import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { connections, stores } from '../../db/schema';
import { replayRawEvents } from '../../ingest/replay';
import { createStore, createStoreInput, rotateApiKey, rotateEmbedSecret, storeView } from '../../services/stores';
import { operatorAuth } from '../auth';
import type { AppEnv } from '../context';
import { FROM_BEFORE_TO, fromBeforeTo, isoInstant } from '../../domain/dates';
import { notFound } from '../../domain/errors';
import { jsonBody } from '../validate';

const rotateInput = z.object({ revokeOthers: z.boolean().default(false) });
const replayInput = z
  .object({
    connectionId: z.string().min(1).max(100),
    from: isoInstant,
    to: isoInstant,
    includeProcessed: z.boolean().default(true),
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);

export const operatorRoutes = new Hono<AppEnv>()
  .use(operatorAuth)
  .post('/stores', async (c) => {
    const input = await jsonBody(c, createStoreInput);
    const { store, apiKey } = await createStore(c.get('db'), input);
    return c.json({ store: storeView(store), apiKey }, 201);
  })
  .post('/stores/:id/api-keys', async (c) => {
    const { revokeOthers } = await jsonBody(c, rotateInput);
    const db = c.get('db');
    const store = await db.select({ id: stores.id }).from(stores).where(eq(stores.id, c.req.param('id'))).get();
    if (!store) throw notFound('Store');
    return c.json({ apiKey: await rotateApiKey(db, store.id, revokeOthers, c.get('now')()) }, 201);
  })
  .post('/stores/:id/embed-secret', async (c) => {
    const db = c.get('db');
    const store = await db.select({ id: stores.id }).from(stores).where(eq(stores.id, c.req.param('id'))).get();
    if (!store) throw notFound('Store');
    return c.json({ embedSecret: await rotateEmbedSecret(db, store.id) }, 201);
  })
  .post('/replay', async (c) => {
    const input = await jsonBody(c, replayInput);
    const db = c.get('db');
    const connection = await db.select({ id: connections.id }).from(connections).where(eq(connections.id, input.connectionId)).get();
    if (!connection) throw notFound('Connection');
    const result = await replayRawEvents(db, c.env.INGEST_QUEUE, {
      connectionId: connection.id,
      from: Date.parse(input.from),
      to: Date.parse(input.to),
      includeProcessed: input.includeProcessed,
    });
    return c.json(result, 202);
  });
