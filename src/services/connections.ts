import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { registerConnection } from '../db/directory';
import { connections } from '../db/schema';
import type { Env } from '../env';
import { deliveryStats } from './deliveries';
import { PLATFORMS } from '../domain/enums';
import { notFound } from '../domain/errors';
import { newId, randomSecret } from '../lib/ids';

export const createConnectionInput = z.object({
  platform: z.enum(PLATFORMS),
  name: z.string().trim().min(1).max(200),
  /** The platform's own signing secret (Intercom client secret, Chatwoot webhook secret…); generated when absent. */
  secret: z.string().min(8).max(500).optional(),
});
export type CreateConnectionInput = z.infer<typeof createConnectionInput>;

type ConnectionRow = typeof connections.$inferSelect;

/** A connection as the API shows it; `base` is the public origin webhooks are sent to. */
export function connectionView(base: string, row: ConnectionRow) {
  return { id: row.id, platform: row.platform, name: row.name, webhookUrl: `${base}/webhooks/${row.platform}/${row.id}`, createdAt: new Date(row.createdAt).toISOString() };
}

/** Standard Webhooks secrets are `whsec_` + base64; other platforms take an opaque random value. */
function generatedSecret(platform: CreateConnectionInput['platform']) {
  return platform === 'generic' ? `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}` : randomSecret('whs');
}

/**
 * Creates a connection; the secret is returned here, on creation, and never by the read calls. The
 * directory learns whose it is first (webhooks name only the connection): until the row exists, a
 * webhook to it is still a 404.
 */
export async function createConnection(env: Env, db: Db, storeId: string, input: CreateConnectionInput, base: string) {
  const row = { id: newId('cn'), storeId, platform: input.platform, name: input.name, secret: input.secret ?? generatedSecret(input.platform) };
  await registerConnection(env, row.id, storeId);
  await db.insert(connections).values(row);
  const saved = (await db.select().from(connections).where(eq(connections.id, row.id)).get())!;
  return { ...connectionView(base, saved), secret: saved.secret };
}

export async function listConnections(db: Db, storeId: string, base: string) {
  const rows = await db.select().from(connections).where(eq(connections.storeId, storeId)).orderBy(desc(connections.createdAt));
  return rows.map((r) => connectionView(base, r));
}

export async function getConnection(db: Db, storeId: string, id: string, base: string) {
  const row = await db.select().from(connections).where(and(eq(connections.id, id), eq(connections.storeId, storeId))).get();
  if (!row) throw notFound('Connection');
  return { ...connectionView(base, row), stats: await deliveryStats(db, storeId, row.id) };
}
