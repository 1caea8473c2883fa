/**
 * Erasing one customer's data from the archive (SPEC §9: the erasure reaches every copy). The rows in
 * D1 are the caller's to delete; this removes the R2 copies: each of the customer's conversation
 * transcripts, and every archived raw delivery that concerns the customer. A delivery only about them
 * is dropped; one that also carries other customers' events (a platform batching several) keeps those
 * events, normalised, in place of the platform's body (which cannot be edited). The archive object is
 * rewritten without what went. Work is bounded per call; call again with `cursor` until done.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { ofCustomers } from '../db/customers';
import { conversations, deadDeliveries } from '../db/schema';
import { getAdapter } from '../ingest/adapters';
import type { ArchivedDelivery } from '../ingest/delivery';
import type { NormalisedEvent } from '../ingest/types';
import { deliveryBody, listObjects, readArchive, readMeta } from './deliveries';
import { deleteKeys } from './retention';
import { deliveryDayPrefix, transcriptKey } from './keys';

export interface CustomerToErase {
  /** The platform's ids for the customer (conversations.customer_external_id). */
  customerExternalIds: string[];
  /**
   * The customer's conversations, if the caller has already deleted the rows (else they are read
   * from the store's database by customer id).
   */
  conversations?: { id: string; connectionId: string; externalId: string }[];
}

export interface EraseProgress {
  /** Archive objects read in this call. */
  objectsRead: number;
  /** Deliveries dropped from the archive, deliveries kept without the customer's events, and transcripts deleted, in this call. */
  deliveriesDropped: number;
  deliveriesRewritten: number;
  transcriptsDeleted: number;
  /** Where to continue (pass it back), or null when the whole archive has been gone through. */
  cursor: string | null;
}

/** Ids per query: each binds its key and itself, and D1 binds at most 100 parameters. */
const MAX_IDS = 45;

async function conversationsOf(db: Db, storeId: string, who: CustomerToErase) {
  if (who.conversations) return who.conversations;
  const out: { id: string; connectionId: string; externalId: string }[] = [];
  for (let i = 0; i < who.customerExternalIds.length; i += MAX_IDS) {
    const ids = who.customerExternalIds.slice(i, i + MAX_IDS);
    out.push(
      ...(await db
        .select({ id: conversations.id, connectionId: conversations.connectionId, externalId: conversations.externalId })
        .from(conversations)
        .where(ofCustomers(storeId, ids))),
    );
  }
  return out;
}

/** Whether an event is about the customer: one of their conversations, or a message they sent. */
function concerns(event: NormalisedEvent, connectionId: string, theirs: Set<string>, ids: Set<string>) {
  if (event.kind === 'participant.seen') return event.role === 'customer' && ids.has(event.externalId);
  if (theirs.has(`${connectionId}\u0000${event.conversationId}`)) return true;
  if (event.kind === 'conversation.opened') return !!event.customer?.id && ids.has(event.customer.id);
  if (event.kind === 'message.created') return event.sender.role === 'customer' && !!event.sender.id && ids.has(event.sender.id);
  return false;
}

/** The delivery as it should stay: unchanged, without the customer's events, or null (dropped). */
async function without(bucket: R2Bucket, d: ArchivedDelivery, theirs: Set<string>, ids: Set<string>): Promise<ArchivedDelivery | null> {
  let events: NormalisedEvent[];
  try {
    events = d.events ?? getAdapter(d.platform).normalise(JSON.parse(await deliveryBody(bucket, d)), { receivedAt: d.receivedAt }).events;
  } catch {
    // A body that no longer reads cannot be checked: it is kept (it was accepted as valid once).
    return d;
  }
  const kept = events.filter((e) => !concerns(e, d.connectionId, theirs, ids));
  if (kept.length === events.length) return d;
  if (!kept.length) return null;
  const { body: _body, bodyKey: _key, ...rest } = d;
  return { ...rest, events: kept };
}

/**
 * One bounded step of erasing a customer from a store's archive. The first call (no cursor) also
 * deletes the customer's transcripts; later calls go on through the archived deliveries.
 */
export async function eraseCustomerFromArchive(
  db: Db,
  bucket: R2Bucket,
  storeId: string,
  who: CustomerToErase,
  opts: { cursor?: string | null; maxObjects?: number; days?: string[]; transcripts?: boolean } = {},
): Promise<EraseProgress> {
  const mine = await conversationsOf(db, storeId, who);
  const theirs = new Set(mine.map((c) => `${c.connectionId}\u0000${c.externalId}`));
  const ids = new Set(who.customerExternalIds);
  const progress: EraseProgress = { objectsRead: 0, deliveriesDropped: 0, deliveriesRewritten: 0, transcriptsDeleted: 0, cursor: null };
  if (!opts.cursor && opts.transcripts !== false) {
    await deleteKeys(
      bucket,
      mine.map((c) => transcriptKey(storeId, c.id)),
    );
    progress.transcriptsDeleted = mine.length;
  }
  const max = opts.maxObjects ?? 200;
  const dropped: string[] = [];
  // Only the given UTC days of receipt (each a prefix), or the whole archive a step at a time.
  const listing = opts.days
    ? (async function* () {
        for (const day of opts.days!) yield* listObjects(bucket, deliveryDayPrefix(storeId, day));
      })()
    : listObjects(bucket, `deliveries/${storeId}/`, opts.cursor ?? undefined);
  for await (const object of listing) {
    // The budget is spent: `cursor` is the last object gone through.
    if (!opts.days && progress.objectsRead === max) break;
    progress.objectsRead++;
    progress.cursor = object.key;
    const lines = await readArchive(bucket, object.key);
    const keep: ArchivedDelivery[] = [];
    let changed = false;
    for (const d of lines) {
      const next = await without(bucket, d, theirs, ids);
      if (next === d) {
        keep.push(d);
        continue;
      }
      changed = true;
      // The platform's body of a changed delivery goes, wherever it was.
      if (d.bodyKey) await bucket.delete(d.bodyKey);
      if (next) {
        keep.push(next);
        progress.deliveriesRewritten++;
      } else dropped.push(d.uid);
    }
    if (!changed) continue;
    if (!keep.length) await bucket.delete(object.key);
    else {
      const meta = readMeta(object);
      await bucket.put(object.key, keep.map((d) => JSON.stringify(d)).join('\n'), {
        httpMetadata: { contentType: 'application/x-ndjson' },
        customMetadata: {
          count: String(keep.length),
          first: String(meta.first),
          last: String(meta.last),
          ...(meta.connections ? { connections: meta.connections.join(',') } : {}),
        },
      });
    }
  }
  // Finished when the listing ran out before the step's budget.
  if (opts.days || progress.objectsRead < max) progress.cursor = null;
  for (let i = 0; i < dropped.length; i += MAX_IDS)
    await db.delete(deadDeliveries).where(and(eq(deadDeliveries.storeId, storeId), inArray(deadDeliveries.uid, dropped.slice(i, i + MAX_IDS))));
  progress.deliveriesDropped = dropped.length;
  return progress;
}
