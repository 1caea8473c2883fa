import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { connections, rawEvents } from '../db/schema';
import type { QueueMessage } from '../env';
import { AppError, notFound } from '../http/errors';
import { newId, sha256Hex } from '../lib/ids';
import { getAdapter } from './adapters';
import { PLATFORMS, PayloadError, type Platform } from './types';

const isPlatform = (p: string): p is Platform => (PLATFORMS as readonly string[]).includes(p);

/** SPEC §5: bodies over 1 MiB are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface Delivery {
  platform: string;
  connectionId: string;
  headers: Headers;
  rawBody: Uint8Array;
  now: number;
}

export interface Receipt {
  rawEventId: string;
  duplicate: boolean;
  events: number;
  ignored: number;
}

/**
 * Verify → store the raw event → enqueue. Validation happens here, before the 202, so a malformed
 * body gets its 400 now; the queue consumer writes later. A delivery already stored (same delivery
 * id) is acknowledged again without a second copy.
 */
export async function receiveWebhook(db: Db, queue: Queue<QueueMessage>, delivery: Delivery): Promise<Receipt> {
  if (!isPlatform(delivery.platform)) throw notFound(`Platform '${delivery.platform}'`);
  const connection = await db
    .select()
    .from(connections)
    .where(and(eq(connections.id, delivery.connectionId), eq(connections.platform, delivery.platform)))
    .get();
  if (!connection) throw notFound('Connection');
  if (delivery.rawBody.byteLength > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'The body exceeds 1 MiB');

  const text = new TextDecoder('utf-8', { fatal: false }).decode(delivery.rawBody);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The body is not valid JSON');
  }
  const adapter = getAdapter(connection.platform);
  const verdict = await adapter.verify({ headers: delivery.headers, rawBody: delivery.rawBody, body, secret: connection.secret, now: delivery.now });
  if (!verdict.ok) throw new AppError('invalid_signature', verdict.reason);

  let normalised;
  try {
    normalised = adapter.normalise(body);
  } catch (error) {
    if (error instanceof PayloadError) throw new AppError('invalid_request', error.message, error.field);
    throw error;
  }

  const deliveryId = adapter.deliveryId(delivery.headers, body) ?? `sha256:${await sha256Hex(text)}`;
  const hasEvents = normalised.events.length > 0;
  const inserted = await db
    .insert(rawEvents)
    .values({
      id: newId('evt'),
      storeId: connection.storeId,
      connectionId: connection.id,
      platform: connection.platform,
      deliveryId,
      body: text,
      status: hasEvents ? 'queued' : 'ignored',
      ignoredTypes: normalised.ignoredTypes.length,
      receivedAt: delivery.now,
      processedAt: hasEvents ? null : delivery.now,
    })
    .onConflictDoNothing()
    .returning({ id: rawEvents.id });
  const receipt = { events: normalised.events.length, ignored: normalised.ignoredTypes.length };
  if (!inserted[0]) {
    const existing = await db
      .select({ id: rawEvents.id })
      .from(rawEvents)
      .where(and(eq(rawEvents.connectionId, connection.id), eq(rawEvents.deliveryId, deliveryId)))
      .get();
    return { rawEventId: existing?.id ?? '', duplicate: true, ...receipt };
  }
  const rawEventId = inserted[0].id;
  if (hasEvents) {
    try {
      await queue.send({ kind: 'webhook', storeId: connection.storeId, rawEventId });
    } catch (error) {
      // Stored already: the requeue sweep picks up events left in 'queued', so the 202 still holds.
      console.error(JSON.stringify({ level: 'error', msg: 'enqueue failed', rawEventId, error: String(error) }));
    }
  }
  return { rawEventId, duplicate: false, ...receipt };
}
