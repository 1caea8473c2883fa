/**
 * Where things live in the ARCHIVE bucket. Every key starts with its kind and the store, so retention
 * and erasure reach a store's objects by prefix, and the UTC day of receipt follows for deliveries,
 * so retention deletes whole days.
 *
 *   deliveries/<store>/<day>/<first receivedAt, 13 digits>-<id>.ndjson   one object per store per queue batch
 *   bodies/<store>/<day>/<delivery uid>                                   a body too large for a queue message
 *   transcripts/<store>/<conversation id>.json                            an archived conversation
 */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const stamp = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(13, '0');

export const deliveryDayPrefix = (storeId: string, day: string) => `deliveries/${storeId}/${day}/`;
export const deliveryBatchKey = (storeId: string, firstReceivedAt: number, id: string) =>
  `${deliveryDayPrefix(storeId, utcDay(firstReceivedAt))}${stamp(firstReceivedAt)}-${id}.ndjson`;

export const bodyDayPrefix = (storeId: string, day: string) => `bodies/${storeId}/${day}/`;
export const largeBodyKey = (storeId: string, receivedAt: number, uid: string) => `${bodyDayPrefix(storeId, utcDay(receivedAt))}${uid}`;

export const transcriptKey = (storeId: string, conversationId: string) => `transcripts/${storeId}/${conversationId}.json`;
