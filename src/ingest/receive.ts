import { eq } from 'drizzle-orm';
import { putLargeBody } from '../archive/deliveries';
import { databaseOfStore, storeOfConnection } from '../db/directory';
import { connections } from '../db/schema';
import { AppError, notFound } from '../domain/errors';
import type { Env } from '../env';
import { newId, sha256Hex } from '../lib/ids';
import { getAdapter } from './adapters';
import { MAX_QUEUE_MESSAGE_BYTES, messageBytes, type DeliveryMessage } from './delivery';
import { type NormalisedDelivery, PLATFORMS, PayloadError, type Platform, type VerifyResult } from './types';
import { urlTokenMatches } from './url-token';

const isPlatform = (p: string): p is Platform => (PLATFORMS as readonly string[]).includes(p);

type Connection = Pick<typeof connections.$inferSelect, 'id' | 'storeId' | 'platform' | 'secret' | 'auth' | 'urlTokenHash' | 'previousUrlTokenHash' | 'previousUrlTokenUntil'>;

/**
 * Connections, cached per isolate for a short while: every webhook needs its connection's secret and
 * store, and sparing those reads is what keeps the 202 fast. A rotated secret takes effect within the TTL.
 */
const CONNECTION_TTL_MS = 30_000;
const connectionCache = new Map<string, { row: Connection; until: number }>();

async function findConnection(env: Env, id: string, now: number, fresh = false): Promise<Connection | undefined> {
  const hit = connectionCache.get(id);
  if (hit && hit.until > now && !fresh) return hit.row;
  // Unknown ids are not cached, so a connection created a moment ago is found at once.
  const storeId = await storeOfConnection(env, id);
  const database = storeId ? await databaseOfStore(env, storeId) : null;
  if (!database) return undefined;
  const row = await database.db
    .select({
      id: connections.id,
      storeId: connections.storeId,
      platform: connections.platform,
      secret: connections.secret,
      auth: connections.auth,
      urlTokenHash: connections.urlTokenHash,
      previousUrlTokenHash: connections.previousUrlTokenHash,
      previousUrlTokenUntil: connections.previousUrlTokenUntil,
    })
    .from(connections)
    .where(eq(connections.id, id))
    .get();
  if (!row || row.storeId !== storeId) return undefined;
  if (connectionCache.size > 10_000) connectionCache.clear();
  connectionCache.set(id, { row, until: now + CONNECTION_TTL_MS });
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

const NOT_JSON = Symbol('not JSON');
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

export interface Receipt {
  /** ShopQA's id for this accepted delivery (`dlv_…`). */
  id: string;
  events: number;
  ignored: number;
}

/**
 * Verify → enqueue, and nothing else before the 202: no database write. Validation happens here, so a
 * malformed body gets its 400 now; the queue consumer archives the delivery and writes its events. A
 * body too large for a queue message goes to R2 first and its key is queued. A platform's redelivery
 * is accepted again: the consumer's writes are idempotent, so it changes nothing.
 */
export async function receiveWebhook(env: Env, delivery: Delivery): Promise<Receipt> {
  if (!isPlatform(delivery.platform)) throw notFound(`Platform '${delivery.platform}'`);
  let connection = await findConnection(env, delivery.connectionId, delivery.now);
  if (!connection || connection.platform !== delivery.platform) throw notFound('Connection');
  if (delivery.rawBody.byteLength > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'The body exceeds 1 MiB');

  // Who sent it comes first: an unauthenticated caller learns nothing of its body, not even that it is not JSON.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(delivery.rawBody);
  const adapter = getAdapter(connection.platform);
  const parsed = parseJson(text);
  // Adapters whose proof is inside the JSON (LiveChat, Crisp) find none in a body that is not JSON: a 401.
  const bodyToVerify = parsed === NOT_JSON ? undefined : parsed;
  let verdict = await authenticate(connection, delivery, bodyToVerify);
  if (!verdict.ok) {
    // The cached connection may predate a secret or token rotation: look again once before refusing.
    connection = (await findConnection(env, delivery.connectionId, delivery.now, true)) ?? connection;
    verdict = await authenticate(connection, delivery, bodyToVerify);
  }
  if (!verdict.ok) throw new AppError('invalid_signature', verdict.reason);
  if (parsed === NOT_JSON) throw new AppError('invalid_json', 'The body is not valid JSON');
  const body = parsed;

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
  const message: DeliveryMessage = {
    kind: 'webhook',
    uid: newId('dlv'),
    storeId: connection.storeId,
    connectionId: connection.id,
    platform: connection.platform,
    deliveryId: adapter.deliveryId(delivery.headers, body) ?? `sha256:${await sha256Hex(text)}`,
    receivedAt: delivery.now,
    body: text,
  };
  // Most bodies are a few KB: only a large one is measured as the queue will count it.
  if (delivery.rawBody.byteLength > 16 * 1024 && messageBytes(message) > MAX_QUEUE_MESSAGE_BYTES) {
    message.bodyKey = await putLargeBody(env.ARCHIVE, connection.storeId, message.uid, message.receivedAt, text);
    delete message.body;
  }
  // The queue is the durable hand-off: the 202 follows the send, and a failed send is a 5xx the
  // platform retries.
  await env.INGEST_QUEUE.send(message);
  return { id: message.uid, events: normalised.events.length, ignored: normalised.ignoredTypes.length };
}
