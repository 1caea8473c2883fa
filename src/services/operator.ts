import { z } from 'zod';
import { databaseOfStore, storeOfConnection } from '../db/directory';
import { FROM_BEFORE_TO, fromBeforeTo, isoInstant } from '../domain/dates';
import { notFound } from '../domain/errors';
import type { Env } from '../env';
import { replayDeliveries } from '../ingest/replay';
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

export async function issueApiKey(env: Env, storeId: string, revokeOthers: boolean, now: number) {
  await storeDatabase(env, storeId);
  return { apiKey: await rotateApiKey(env, storeId, revokeOthers, now) };
}

export async function issueEmbedSecret(env: Env, storeId: string) {
  return { embedSecret: await rotateEmbedSecret(await storeDatabase(env, storeId), storeId) };
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
