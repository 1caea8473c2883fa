import { and, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { registerConnection } from '../../db/directory';
import { connections } from '../../db/schema';
import { deliveryStats } from '../../services/deliveries';
import { PLATFORMS } from '../../ingest/types';
import { newId, randomSecret } from '../../lib/ids';
import { storeAuth } from '../auth';
import type { AppEnv } from '../context';
import { notFound } from '../../domain/errors';
import { jsonBody } from '../validate';

const createInput = z.object({
  platform: z.enum(PLATFORMS),
  name: z.string().trim().min(1).max(200),
  /** The platform's own signing secret (Intercom client secret, Chatwoot webhook secret…); generated when absent. */
  secret: z.string().min(8).max(500).optional(),
});

type ConnectionRow = typeof connections.$inferSelect;

function webhookUrl(base: string, row: ConnectionRow) {
  return `${base}/webhooks/${row.platform}/${row.id}`;
}

function view(base: string, row: ConnectionRow) {
  return { id: row.id, platform: row.platform, name: row.name, webhookUrl: webhookUrl(base, row), createdAt: new Date(row.createdAt).toISOString() };
}

const publicBase = (c: { env: AppEnv['Bindings']; req: { url: string } }) => c.env.PUBLIC_BASE_URL || new URL(c.req.url).origin;

export const connectionRoutes = new Hono<AppEnv>()
  .use(storeAuth())
  .post('/', async (c) => {
    const input = await jsonBody(c, createInput);
    const generated = input.platform === 'generic' ? `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}` : randomSecret('whs');
    const row = { id: newId('cn'), storeId: c.get('storeId'), platform: input.platform, name: input.name, secret: input.secret ?? generated };
    // The directory entry first: until the connection row exists, a webhook to it is still a 404.
    await registerConnection(c.env, row.id, row.storeId);
    await c.get('db').insert(connections).values(row);
    const saved = (await c.get('db').select().from(connections).where(eq(connections.id, row.id)).get())!;
    // The secret is returned here, on creation, and not by the read calls.
    return c.json({ ...view(publicBase(c), saved), secret: saved.secret }, 201);
  })
  .get('/', async (c) => {
    const rows = await c.get('db').select().from(connections).where(eq(connections.storeId, c.get('storeId'))).orderBy(desc(connections.createdAt));
    return c.json({ data: rows.map((r) => view(publicBase(c), r)) });
  })
  .get('/:id', async (c) => {
    const db = c.get('db');
    const row = await db
      .select()
      .from(connections)
      .where(and(eq(connections.id, c.req.param('id')), eq(connections.storeId, c.get('storeId'))))
      .get();
    if (!row) throw notFound('Connection');
    return c.json({ ...view(publicBase(c), row), stats: await deliveryStats(db, row.storeId, row.id) });
  });
