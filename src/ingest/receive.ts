import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { connections, rawEvents } from '../db/schema';
import type { QueueMessage } from '../env';
import { AppError, notFound } from '../domain/errors';
import { newId, sha256Hex } from '../lib/ids';
import { getAdapter } from './adapters';
import { type NormalisedDelivery, PLATFORMS, PayloadError, type Platform, type VerifyResult } from './types';
import { urlTokenMatches } from './url-token';

const isPlatform = (p: string): p is Platform => (PLATFORMS as readonly string[]).includes(p);

type Connection = typeof connections.$inferSelect;

/**
 * Connections, cached per isolate for a short while: every webhook needs its connection's secret, and
 * sparing that read is most of what keeps the 202 fast. A rotated secret takes effect within the TTL.
 */
const CONNECTION_TTL_MS = 30_000;
const connectionCache = new Map<string, { row: Connection | undefined; until: number }>();

async function findConnection(db: Db, id: string, now: number, fresh = false): Promise<Connection | undefined> {
  const hit = connectionCache.get(id);
  if (hit && hit.until > now && !fresh) return hit.row;
  const row = await db.select().from(connections).where(eq(connections.id, id)).get();
  if (connectionCache.size > 10_000) connectionCache.clear();
  // Unknown ids are not cached, so a connection created a moment ago is found at once.
  if (row) connectionCache.set(id, { row, until: now + CONNECTION_TTL_MS });
  return row;
}

/** Drops a cached connection (after its secret or URL token changed in this isolate). */
export function forgetConnection(id: string) {
  connectionCache.delete(id);
}

export const MAX_EVENTS_PER_DELIVERY = 150;

/** SPEC §5: bodies over 1 MiB are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface Delivery {
  platform: string;
  connectionId: string;
  headers: Headers;
  rawBody: Uint8Array;
  now: number;
  /** Runs work after the response (ctx.waitUntil in the Worker). */
  defer: (work: Promise<unknown>) => void;
  /** The token from the webhook URL, for connections that authenticate by URL token. */
  urlToken?: string;
}

/** The platform's signature, or for `url_token` connections the token in the URL (never both ways for one connection). */
async function authenticate(connection: Connection, delivery: Delivery, body: unknown): Promise<VerifyResult> {
  if (connection.auth === 'url_token') {
    return (await urlTokenMatches(connection, delivery.urlToken, delivery.now)) ? { ok: true } : { ok: false, reason: 'The webhook URL token does not match' };
  }
  if (delivery.urlToken !== undefined) return { ok: false, reason: 'This connection is verified by signature; post to its webhook URL without a token' };
  return getAdapter(connection.platform).verify({ headers: delivery.headers, rawBody: delivery.rawBody, body, secret: connection.secret, now: delivery.now });
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
  let connection = await findConnection(db, delivery.connectionId, delivery.now);
  if (!connection || connection.platform !== delivery.platform) throw notFound('Connection');
  if (delivery.rawBody.byteLength > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'The body exceeds 1 MiB');

  const text = new TextDecoder('utf-8', { fatal: false }).decode(delivery.rawBody);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The body is not valid JSON');
  }
  const adapter = getAdapter(connection.platform);
  let verdict = await authenticate(connection, delivery, body);
  if (!verdict.ok) {
    // The cached connection may predate a secret or token rotation: look again once before refusing.
    connection = (await findConnection(db, delivery.connectionId, delivery.now, true)) ?? connection;
    verdict = await authenticate(connection, delivery, body);
  }
  if (!verdict.ok) throw new AppError('invalid_signature', verdict.reason);

  let normalised: NormalisedDelivery;
  try {
    normalised = adapter.normalise(body, { receivedAt: delivery.now });
  } catch (error) {
    if (error instanceof PayloadError) throw new AppError('invalid_request', error.message, error.field);
    throw error;
  }

  // Each event is a few writes and one invocation may make 1,000: a delivery must fit in one.
  if (normalised.events.length > MAX_EVENTS_PER_DELIVERY) {
    throw new AppError('invalid_request', `A delivery may hold at most ${MAX_EVENTS_PER_DELIVERY} events; split it`, 'events');
  }
  const deliveryId = adapter.deliveryId(delivery.headers, body) ?? `sha256:${await sha256Hex(text)}`;
  const hasEvents = normalised.events.length > 0;
  const id = newId('evt');
  const inserted = await db
    .insert(rawEvents)
    .values({
      id,
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
    .run();
  const receipt = { events: normalised.events.length, ignored: normalised.ignoredTypes.length };
  if (!inserted.meta.changes) {
    const existing = await db
      .select({ id: rawEvents.id })
      .from(rawEvents)
      .where(and(eq(rawEvents.connectionId, connection.id), eq(rawEvents.deliveryId, deliveryId)))
      .get();
    return { rawEventId: existing?.id ?? '', duplicate: true, ...receipt };
  }
  const rawEventId = id;
  if (hasEvents) {
    // The event is stored before the 202, so the enqueue can follow the response: if it fails, the
    // five-minute sweep re-sends events left 'queued'.
    delivery.defer(
      queue.send({ kind: 'webhook', storeId: connection.storeId, rawEventId }).catch((error) => {
        console.error(JSON.stringify({ level: 'error', msg: 'enqueue failed', rawEventId, error: String(error) }));
      }),
    );
  }
  return { rawEventId, duplicate: false, ...receipt };
}
