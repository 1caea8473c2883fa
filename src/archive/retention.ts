/** Retention in the archive: a store's raw deliveries past 30 days, and the transcripts of deleted conversations. */
import { archivedDays, listObjects, readMeta } from './deliveries';
import { bodyDayPrefix, deliveryDayPrefix, transcriptKey } from './keys';

/** R2 deletes at most 1,000 keys per call. */
const DELETE_KEYS = 1000;

export async function deleteKeys(bucket: R2Bucket, keys: string[]) {
  for (let i = 0; i < keys.length; i += DELETE_KEYS) await bucket.delete(keys.slice(i, i + DELETE_KEYS));
}

export function deleteTranscripts(bucket: R2Bucket, storeId: string, conversationIds: string[]) {
  return deleteKeys(
    bucket,
    conversationIds.map((id) => transcriptKey(storeId, id)),
  );
}

/**
 * Deletes the store's archived deliveries received before `cutoff`: whole days of large bodies, and
 * every batch object whose last delivery is older (an object is filed under its first delivery's day).
 * At most `maxDays` days per call; returns the objects deleted and whether older days remain.
 */
export async function deleteDeliveriesBefore(bucket: R2Bucket, storeId: string, cutoff: number, maxDays = 7) {
  const cutoffDay = new Date(cutoff).toISOString().slice(0, 10);
  let deleted = 0;
  const bodyDays = (await archivedDays(bucket, 'bodies', storeId)).filter((d) => d < cutoffDay);
  for (const day of bodyDays.slice(0, maxDays)) {
    const keys: string[] = [];
    for await (const o of listObjects(bucket, bodyDayPrefix(storeId, day))) keys.push(o.key);
    await deleteKeys(bucket, keys);
    deleted += keys.length;
  }
  const deliveryDays = (await archivedDays(bucket, 'deliveries', storeId)).filter((d) => d <= cutoffDay);
  for (const day of deliveryDays.slice(0, maxDays)) {
    const keys: string[] = [];
    for await (const o of listObjects(bucket, deliveryDayPrefix(storeId, day))) if (readMeta(o).last < cutoff) keys.push(o.key);
    await deleteKeys(bucket, keys);
    deleted += keys.length;
  }
  // The cutoff day itself is visited on every run (its objects expire during the day).
  const more = bodyDays.length > maxDays || deliveryDays.filter((d) => d < cutoffDay).length > maxDays;
  return { deleted, more };
}
