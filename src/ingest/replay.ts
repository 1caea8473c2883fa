/**
 * Replay: the archived deliveries of one connection, received in [from, to), through the normal
 * consumer path again. Safe to run any number of times: the consumer's writes are idempotent, and a
 * replayed delivery is not counted twice.
 */
import { archivedDays, archivesFor, readArchive } from '../archive/deliveries';
import { utcDay } from '../archive/keys';
import type { Db } from '../db/client';
import type { Env } from '../env';
import { sendAll } from '../jobs/send';
import { deadDeliveriesOf } from '../services/deliveries';
import type { ArchivedDelivery, DeliveryMessage } from './delivery';

/** Archive objects read per call; a larger range is replayed in several calls (`next`). */
const MAX_OBJECTS = 200;
const DAY = 86_400_000;

export interface ReplayResult {
  enqueued: number;
  /** Where to continue when the range held more than one call reads (ISO time), else null. */
  next: string | null;
}

function message(storeId: string, key: string, d: ArchivedDelivery): DeliveryMessage {
  return { kind: 'webhook', ...d, storeId, archived: key, replay: true };
}

export async function replayDeliveries(
  env: Env,
  db: Db,
  opts: { storeId: string; connectionId: string; from: number; to: number; includeProcessed: boolean },
): Promise<ReplayResult> {
  const wanted = (d: ArchivedDelivery) => d.connectionId === opts.connectionId && d.receivedAt >= opts.from && d.receivedAt < opts.to;
  const out = new Map<string, DeliveryMessage>();
  let next: string | null = null;
  if (!opts.includeProcessed) {
    // Only the dead: their rows say which archive object holds each.
    const dead = await deadDeliveriesOf(db, opts.storeId, opts.connectionId, opts.from, opts.to);
    const byKey = new Map<string, Set<string>>();
    for (const d of dead) byKey.set(d.archiveKey, (byKey.get(d.archiveKey) ?? new Set()).add(d.uid));
    for (const [key, uids] of byKey) for (const d of await readArchive(env.ARCHIVE, key)) if (uids.has(d.uid)) out.set(d.uid, message(opts.storeId, key, d));
  } else {
    let read = 0;
    // An object is filed under the day of its first delivery, so the day before `from` may hold some.
    const first = utcDay(opts.from - DAY);
    const last = utcDay(opts.to);
    const days = (await archivedDays(env.ARCHIVE, 'deliveries', opts.storeId)).filter((d) => d >= first && d <= last);
    scan: for (const day of days) {
      for await (const key of archivesFor(env.ARCHIVE, opts.storeId, day, opts.connectionId, opts.from, opts.to)) {
        if (read === MAX_OBJECTS) {
          next = new Date(Number(key.split('/').at(-1)!.slice(0, 13))).toISOString();
          break scan;
        }
        read++;
        for (const d of await readArchive(env.ARCHIVE, key)) if (wanted(d) && !out.has(d.uid)) out.set(d.uid, message(opts.storeId, key, d));
      }
    }
  }
  await sendAll(env.INGEST_QUEUE, [...out.values()].map((body) => ({ body })));
  return { enqueued: out.size, next };
}
