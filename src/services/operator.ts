import { z } from 'zod';
import { databaseOfStore, storeOfConnection } from '../db/directory';
import { FROM_BEFORE_TO, fromBeforeTo, isoInstant } from '../domain/dates';
import { notFound } from '../domain/errors';
import type { Env } from '../env';
import { replayDeliveries } from '../ingest/replay';
import { auditInsert } from './audit';
import { OPERATOR } from './coaching-scope';
import { rotateApiKey, rotateEmbedSecret, requireStore } from './stores';

/** What the operator (who runs the SaaS) does across stores: rotations and replays. */
export const rotateInput = z.object({ revokeOthers: z.boolean().default(false) });
export const replayInput = z
  .object({
    connectionId: z.string().min(1).max(100),
    from: isoInstant,
    to: isoInstant,
    /** False: only the deliveries that ran out of tries (dead). */
    includeProcessed: z.boolean().default(true),
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);

/** The store's database through the directory, or 404. */
async function storeDatabase(env: Env, storeId: string) {
  const database = await databaseOfStore(env, storeId);
  if (!database) throw notFound('Store');
  await requireStore(database.db, storeId);
  return database.db;
}

/** A new API key (the key itself is never logged: the audit entry names its prefix). */
export async function issueApiKey(env: Env, storeId: string, revokeOthers: boolean, now: number) {
  const db = await storeDatabase(env, storeId);
  const apiKey = await rotateApiKey(env, storeId, revokeOthers, now);
  await auditInsert(db, storeId, OPERATOR, { entityType: 'store', entityId: storeId, action: 'api_key_rotated', before: null, after: { prefix: apiKey.slice(0, 12), revokedOthers: revokeOthers }, reason: null }, now);
  return { apiKey };
}

export async function issueEmbedSecret(env: Env, storeId: string, now = Date.now()) {
  const db = await storeDatabase(env, storeId);
  const embedSecret = await rotateEmbedSecret(db, storeId);
  // Every widget token signed with the old secret stops working: worth a line in the log, never the secret.
  await auditInsert(db, storeId, OPERATOR, { entityType: 'store', entityId: storeId, action: 'embed_secret_rotated', before: null, after: null, reason: null }, now);
  return { embedSecret };
}

/** Replays a connection's archived deliveries (src/ingest/replay.ts); the directory says whose it is. */
export async function replayConnection(env: Env, input: z.infer<typeof replayInput>) {
  const storeId = await storeOfConnection(env, input.connectionId);
  const database = storeId ? await databaseOfStore(env, storeId) : null;
  if (!storeId || !database) throw notFound('Connection');
  return replayDeliveries(env, database.db, {
    storeId,
    connectionId: input.connectionId,
    from: Date.parse(input.from),
    to: Date.parse(input.to),
    includeProcessed: input.includeProcessed,
  });
}
