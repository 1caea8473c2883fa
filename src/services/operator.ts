import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { connections } from '../db/schema';
import { FROM_BEFORE_TO, fromBeforeTo, isoInstant } from '../domain/dates';
import { notFound } from '../domain/errors';
import type { QueueMessage } from '../env';
import { replayRawEvents } from '../ingest/replay';
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
    includeProcessed: z.boolean().default(true),
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);

/** A new API key (the key itself is never logged: the audit entry names its prefix). */
export async function issueApiKey(db: Db, storeId: string, revokeOthers: boolean, now: number) {
  const store = await requireStore(db, storeId);
  const apiKey = await rotateApiKey(db, store.id, revokeOthers, now);
  await auditInsert(db, store.id, OPERATOR, { entityType: 'store', entityId: store.id, action: 'api_key_rotated', before: null, after: { prefix: apiKey.slice(0, 12), revokedOthers: revokeOthers }, reason: null }, now);
  return { apiKey };
}

export async function issueEmbedSecret(db: Db, storeId: string, now = Date.now()) {
  const store = await requireStore(db, storeId);
  const embedSecret = await rotateEmbedSecret(db, store.id);
  // Every widget token signed with the old secret stops working: worth a line in the log, never the secret.
  await auditInsert(db, store.id, OPERATOR, { entityType: 'store', entityId: store.id, action: 'embed_secret_rotated', before: null, after: null, reason: null }, now);
  return { embedSecret };
}

export async function replayConnection(db: Db, queue: Queue<QueueMessage>, input: z.infer<typeof replayInput>) {
  const connection = await db.select({ id: connections.id }).from(connections).where(eq(connections.id, input.connectionId)).get();
  if (!connection) throw notFound('Connection');
  return replayRawEvents(db, queue, { connectionId: connection.id, from: Date.parse(input.from), to: Date.parse(input.to), includeProcessed: input.includeProcessed });
}
