import { Hono } from 'hono';
import { z } from 'zod';
import { databaseOfStore, storeOfConnection } from '../../db/directory';
import { replayDeliveries } from '../../ingest/replay';
import { createStore, createStoreInput, rotateApiKey, rotateEmbedSecret, storeView } from '../../services/stores';
import { operatorAuth } from '../auth';
import type { AppEnv } from '../context';
import { notFound } from '../../domain/errors';
import { jsonBody } from '../validate';

const rotateInput = z.object({ revokeOthers: z.boolean().default(false) });
const replayInput = z
  .object({
    connectionId: z.string().min(1),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    /** False: only deliveries that ran out of tries (dead). */
    includeProcessed: z.boolean().default(true),
  })
  .refine((v) => Date.parse(v.from) < Date.parse(v.to), { message: 'from must be before to', path: ['to'] });

export const operatorRoutes = new Hono<AppEnv>()
  .use(operatorAuth)
  .post('/stores', async (c) => {
    const input = await jsonBody(c, createStoreInput.extend({ database: z.string().min(1).optional() }));
    const { database, ...fields } = input;
    const created = await createStore(c.env, fields, { database });
    return c.json({ store: { ...storeView(created.store), database: created.database }, apiKey: created.apiKey }, 201);
  })
  .post('/stores/:id/api-keys', async (c) => {
    const { revokeOthers } = await jsonBody(c, rotateInput);
    const storeId = c.req.param('id');
    if (!(await databaseOfStore(c.env, storeId))) throw notFound('Store');
    return c.json({ apiKey: await rotateApiKey(c.env, storeId, revokeOthers, c.get('now')()) }, 201);
  })
  .post('/stores/:id/embed-secret', async (c) => {
    const storeId = c.req.param('id');
    const database = await databaseOfStore(c.env, storeId);
    if (!database) throw notFound('Store');
    return c.json({ embedSecret: await rotateEmbedSecret(database.db, storeId) }, 201);
  })
  .post('/replay', async (c) => {
    const input = await jsonBody(c, replayInput);
    const storeId = await storeOfConnection(c.env, input.connectionId);
    const database = storeId ? await databaseOfStore(c.env, storeId) : null;
    if (!storeId || !database) throw notFound('Connection');
    const result = await replayDeliveries(c.env, database.db, {
      storeId,
      connectionId: input.connectionId,
      from: Date.parse(input.from),
      to: Date.parse(input.to),
      includeProcessed: input.includeProcessed,
    });
    return c.json(result, 202);
  });
