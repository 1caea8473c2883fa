/**
 * An accepted webhook delivery as it travels: on the queue, in the archive, in a replay. The webhook
 * writes nothing to D1; this message is the delivery until the consumer has archived it.
 */
import type { NormalisedEvent, Platform } from './types';

/** What the archive keeps of a delivery (one line of an archive object). */
export interface ArchivedDelivery {
  /** ShopQA's id for the accepted delivery (`dlv_…`), one per 202. */
  uid: string;
  connectionId: string;
  platform: Platform;
  /** The platform's delivery id, or a hash of the body when it sends none. */
  deliveryId: string;
  receivedAt: number;
  /** The raw body as received; absent when it was too large for a queue message and went to R2 first. */
  body?: string;
  /** The R2 key of a body too large for a queue message. */
  bodyKey?: string;
  /**
   * Instead of a body: the delivery's events as normalised, after an erasure removed another
   * customer's events from it (the platform's body itself cannot be edited).
   */
  events?: NormalisedEvent[];
}

export interface DeliveryMessage extends ArchivedDelivery {
  kind: 'webhook';
  storeId: string;
  /** The archive object already holding this delivery: set on re-sends and replays, which must not archive it again. */
  archived?: string;
  /** Failed tries so far: the consumer counts them itself (src/jobs/ingest-batch.ts). */
  tries?: number;
  /** The last failure, carried to the dead-letter record. */
  lastError?: string;
  /** Sent by an operator's replay: processed again, counted once. */
  replay?: boolean;
}

/**
 * Queues carry at most 128 KB (128,000 bytes) a message and 256 KB a sendBatch: a message that could
 * be larger than this goes with its body in R2 and the key queued.
 */
export const MAX_QUEUE_MESSAGE_BYTES = 120_000;

/**
 * An upper bound of the message's size as the queue counts it. Messages are V8-serialised, where a
 * string holding any non-Latin-1 character (Chinese text) takes two bytes per UTF-16 unit; the JSON
 * form's length counts every escape the body needs.
 */
export function messageBytes(message: unknown): number {
  return 2 * JSON.stringify(message).length + 256;
}

export function archivedDelivery(m: DeliveryMessage): ArchivedDelivery {
  const { uid, connectionId, platform, deliveryId, receivedAt, body, bodyKey, events } = m;
  if (events) return { uid, connectionId, platform, deliveryId, receivedAt, events };
  return bodyKey ? { uid, connectionId, platform, deliveryId, receivedAt, bodyKey } : { uid, connectionId, platform, deliveryId, receivedAt, body };
}
