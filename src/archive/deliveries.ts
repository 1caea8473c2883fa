/**
 * Raw deliveries in R2: written once by the queue consumer, one object per store per batch, one JSON
 * line per delivery (NDJSON). Replay, retention and erasure read them back.
 */
import type { ArchivedDelivery } from '../ingest/delivery';
import { newId } from '../lib/ids';
import { deliveryBatchKey, deliveryDayPrefix, largeBodyKey } from './keys';

/** Metadata on each archive object, so listings can filter without reading bodies. */
export interface ArchiveMeta {
  count: number;
  first: number;
  last: number;
  /** The connections the object holds deliveries of (absent when there are too many to list). */
  connections: string[] | null;
}

const MAX_LISTED_CONNECTIONS = 20;

/** The key of a new archive object for these deliveries (all of one store), filed under the first one's day. */
export function archiveKeyFor(storeId: string, deliveries: Pick<ArchivedDelivery, 'receivedAt'>[]): string {
  return deliveryBatchKey(storeId, Math.min(...deliveries.map((d) => d.receivedAt)), newId('arc', 12));
}

/** Writes one archive object holding these deliveries (all of one store) and returns its key. */
export async function archiveDeliveries(
  bucket: R2Bucket,
  storeId: string,
  deliveries: ArchivedDelivery[],
  key = archiveKeyFor(storeId, deliveries),
): Promise<string> {
  const times = deliveries.map((d) => d.receivedAt);
  const connections = [...new Set(deliveries.map((d) => d.connectionId))];
  await bucket.put(key, deliveries.map((d) => JSON.stringify(d)).join('\n'), {
    httpMetadata: { contentType: 'application/x-ndjson' },
    customMetadata: {
      count: String(deliveries.length),
      first: String(Math.min(...times)),
      last: String(Math.max(...times)),
      ...(connections.length <= MAX_LISTED_CONNECTIONS ? { connections: connections.join(',') } : {}),
    },
  });
  return key;
}

export function readMeta(object: { customMetadata?: Record<string, string> }): ArchiveMeta {
  const m = object.customMetadata ?? {};
  return { count: Number(m.count ?? 0), first: Number(m.first ?? 0), last: Number(m.last ?? 0), connections: m.connections ? m.connections.split(',') : null };
}

/** The deliveries of one archive object; an object gone (retention, erasure) reads as none. */
export async function readArchive(bucket: R2Bucket, key: string): Promise<ArchivedDelivery[]> {
  const object = await bucket.get(key);
  if (!object) return [];
  const text = await object.text();
  return text ? text.split('\n').map((line) => JSON.parse(line) as ArchivedDelivery) : [];
}

/** A body too large for a queue message, stored before the delivery is queued. */
export async function putLargeBody(bucket: R2Bucket, storeId: string, uid: string, receivedAt: number, body: string): Promise<string> {
  const key = largeBodyKey(storeId, receivedAt, uid);
  await bucket.put(key, body, { httpMetadata: { contentType: 'application/json' } });
  return key;
}

/** The raw body of a delivery, wherever it is. */
export async function deliveryBody(bucket: R2Bucket, d: Pick<ArchivedDelivery, 'body' | 'bodyKey'>): Promise<string> {
  if (d.body !== undefined) return d.body;
  if (!d.bodyKey) throw new Error('A delivery without a body or body key');
  const object = await bucket.get(d.bodyKey);
  if (!object) throw new Error(`The body ${d.bodyKey} is not in the archive`);
  return object.text();
}

/** Every object under a prefix (after `startAfter`), with its metadata, page by page (R2 lists at most 1,000 at a time). */
export async function* listObjects(bucket: R2Bucket, prefix: string, startAfter?: string): AsyncGenerator<R2Object> {
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, cursor, startAfter: cursor ? undefined : startAfter, include: ['customMetadata'] });
    yield* page.objects;
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}

/** The UTC days (YYYY-MM-DD) a store has archived objects of one kind for, oldest first. */
export async function archivedDays(bucket: R2Bucket, kind: 'deliveries' | 'bodies', storeId: string): Promise<string[]> {
  const days: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: `${kind}/${storeId}/`, delimiter: '/', cursor });
    for (const p of page.delimitedPrefixes) days.push(p.split('/')[2]!);
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return days.sort();
}

/** Archive objects of a store for one UTC day that may hold deliveries of `connectionId` received in [from, to). */
export async function* archivesFor(bucket: R2Bucket, storeId: string, day: string, connectionId: string, from: number, to: number) {
  for await (const object of listObjects(bucket, deliveryDayPrefix(storeId, day))) {
    const meta = readMeta(object);
    if (meta.last < from || meta.first >= to) continue;
    if (meta.connections && !meta.connections.includes(connectionId)) continue;
    yield object.key;
  }
}
