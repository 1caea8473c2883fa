import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { deliveryBody } from '../archive/deliveries';
import { utcDay } from '../archive/keys';
import type { Db } from '../db/client';
import { agentExternalIds, deadDeliveries, deliveryCounts, stores } from '../db/schema';
import { readSettings } from '../services/settings';
import { getAdapter } from './adapters';
import type { DeliveryMessage } from './delivery';
import { maskContactData } from './mask';
import type { NormalisedEvent } from './types';
import { agentKey, eventStatements, type IngestTarget } from './writes';

type Statement = BatchItem<'sqlite'>;

export interface ProcessOutcome {
  /** Deliveries written (or found to hold nothing to write), by uid. */
  done: string[];
  /** Deliveries left for another invocation: writing them too would pass the query budget. */
  deferred: string[];
  /** Conversations closed after these deliveries: they need (re-)scoring, by store. */
  closed: { storeId: string; conversationId: string }[];
}

/** D1 binds at most 100 parameters per statement. */
const MAX_IDS_PER_QUERY = 90;
/**
 * Statements one invocation may write for webhooks. D1 allows 1,000 queries per invocation and each
 * statement of a batch counts; the rest is left for reads, scoring and daily jobs in the same batch.
 */
export const STATEMENT_BUDGET = 600;

/**
 * Writes deliveries (all on this store database): every event of every delivery and the per-day
 * counts in one D1 batch, so a failure leaves nothing half-written and the retry starts clean. Ids
 * derive from the platform's own ids, so running it again (redelivery, retry, replay) changes nothing.
 * Reads are shared across the deliveries of a queue batch, which is what keeps ingest cheap per event.
 */
export async function processDeliveries(db: Db, bucket: R2Bucket, deliveries: DeliveryMessage[], now: number): Promise<ProcessOutcome> {
  const outcome: ProcessOutcome = { done: [], deferred: [], closed: [] };
  const unique = [...new Map(deliveries.map((d) => [d.uid, d])).values()];
  if (!unique.length) return outcome;

  const storeIds = [...new Set(unique.map((d) => d.storeId))];
  const settingsRows = await db.select({ id: stores.id, settings: stores.settings }).from(stores).where(inArray(stores.id, storeIds));
  const settings = new Map(settingsRows.map((s) => [s.id, readSettings(s.settings)]));

  const parsed = await Promise.all(unique.map(async (d) => ({ d, ...getAdapter(d.platform).normalise(JSON.parse(await deliveryBody(bucket, d))) })));
  const mapped = await knownAgents(db, parsed.flatMap(({ d, events }) => agentRefs(events).map((externalId) => ({ connectionId: d.connectionId, externalId }))));

  const statements: Statement[] = [];
  const counted: { d: DeliveryMessage; events: number; ignoredTypes: number }[] = [];
  for (const { d, events, ignoredTypes } of parsed) {
    // Once one delivery waits, the rest wait too: their statements may rely on its new agents.
    if (outcome.deferred.length) {
      outcome.deferred.push(d.uid);
      continue;
    }
    const own: Statement[] = [];
    const target: IngestTarget = {
      storeId: d.storeId,
      connectionId: d.connectionId,
      platform: d.platform,
      knownAgents: mapped,
      transformText: settings.get(d.storeId)?.maskPii === false ? (text) => text : maskContactData,
    };
    for (const event of events) own.push(...(await eventStatements(db, target, event)));
    if (d.replay) own.push(...settleDead(db, d));
    // A delivery is written whole or not at all: one that does not fit waits for the next invocation.
    if (statements.length && statements.length + own.length > STATEMENT_BUDGET) {
      outcome.deferred.push(d.uid);
      continue;
    }
    statements.push(...own);
    outcome.done.push(d.uid);
    counted.push({ d, events: events.length, ignoredTypes: ignoredTypes.length });
  }
  statements.push(...countStatements(db, counted));
  if (!statements.length) return outcome;
  const results = await db.batch(statements as [Statement, ...Statement[]]);

  const seen = new Set<string>();
  for (const result of results) {
    // Conversation upserts return [{id, storeId, status}]; other statements return run results.
    if (!Array.isArray(result)) continue;
    for (const row of result as { id?: string; storeId?: string; status?: string }[]) {
      if (row.status === 'closed' && row.id && row.storeId && !seen.has(row.id)) {
        seen.add(row.id);
        outcome.closed.push({ storeId: row.storeId, conversationId: row.id });
      }
    }
  }
  return outcome;
}

/**
 * The per-connection, per-day counts, in the same batch as the writes they count. A replayed delivery
 * was counted when first received: it is not counted again (settleDead moves a dead one to processed).
 */
function countStatements(db: Db, counted: { d: DeliveryMessage; events: number; ignoredTypes: number }[]): Statement[] {
  const sums = new Map<string, { connectionId: string; storeId: string; day: string; processed: number; ignored: number; ignoredTypes: number; last: number }>();
  for (const { d, events, ignoredTypes } of counted) {
    if (d.replay) continue;
    const day = utcDay(d.receivedAt);
    const key = `${d.connectionId}|${day}`;
    const sum = sums.get(key) ?? { connectionId: d.connectionId, storeId: d.storeId, day, processed: 0, ignored: 0, ignoredTypes: 0, last: 0 };
    if (events) sum.processed++;
    else sum.ignored++;
    sum.ignoredTypes += ignoredTypes;
    sum.last = Math.max(sum.last, d.receivedAt);
    sums.set(key, sum);
  }
  return [...sums.values()].map((s) =>
    db
      .insert(deliveryCounts)
      .values({ connectionId: s.connectionId, day: s.day, storeId: s.storeId, processed: s.processed, ignored: s.ignored, ignoredTypes: s.ignoredTypes, lastReceivedAt: s.last })
      .onConflictDoUpdate({
        target: [deliveryCounts.connectionId, deliveryCounts.day],
        set: {
          processed: sql`${deliveryCounts.processed} + excluded.processed`,
          ignored: sql`${deliveryCounts.ignored} + excluded.ignored`,
          ignoredTypes: sql`${deliveryCounts.ignoredTypes} + excluded.ignored_types`,
          lastReceivedAt: sql`max(coalesce(${deliveryCounts.lastReceivedAt}, 0), excluded.last_received_at)`,
        },
      }),
  );
}

/** A replayed delivery that was dead is dead no longer: its count moves to processed, exactly once. */
function settleDead(db: Db, d: DeliveryMessage): Statement[] {
  const wasDead = sql`(select count(*) from ${deadDeliveries} where ${deadDeliveries.uid} = ${d.uid})`;
  return [
    db
      .update(deliveryCounts)
      .set({ processed: sql`${deliveryCounts.processed} + ${wasDead}` })
      .where(and(eq(deliveryCounts.connectionId, d.connectionId), eq(deliveryCounts.day, utcDay(d.receivedAt)))),
    db.delete(deadDeliveries).where(eq(deadDeliveries.uid, d.uid)),
    recountDead(db, d),
  ];
}

/** The day's dead count, recounted from the dead rows: exact however often a statement runs. */
function recountDead(db: Db, d: DeliveryMessage): Statement {
  const day = utcDay(d.receivedAt);
  const start = Date.parse(`${day}T00:00:00Z`);
  return db
    .update(deliveryCounts)
    .set({
      dead: sql`(select count(*) from ${deadDeliveries} where ${deadDeliveries.connectionId} = ${d.connectionId}
        and ${deadDeliveries.receivedAt} >= ${start} and ${deadDeliveries.receivedAt} < ${start + 86_400_000})`,
    })
    .where(and(eq(deliveryCounts.connectionId, d.connectionId), eq(deliveryCounts.day, day)));
}

function agentRefs(events: NormalisedEvent[]): string[] {
  return events.flatMap((e) => (e.kind === 'message.created' && e.sender.role === 'agent' && e.sender.id ? [e.sender.id] : []));
}

/** `${connectionId}\u0000${externalId}` → agent id, for the platform agent ids these deliveries mention. */
async function knownAgents(db: Db, refs: { connectionId: string; externalId: string }[]) {
  const out = new Map<string, string>();
  const byConnection = new Map<string, Set<string>>();
  for (const r of refs) byConnection.set(r.connectionId, (byConnection.get(r.connectionId) ?? new Set()).add(r.externalId));
  for (const [connectionId, externalIds] of byConnection) {
    const list = [...externalIds];
    for (let i = 0; i < list.length; i += MAX_IDS_PER_QUERY) {
      const rows = await db
        .select({ externalId: agentExternalIds.externalId, agentId: agentExternalIds.agentId })
        .from(agentExternalIds)
        .where(and(eq(agentExternalIds.connectionId, connectionId), inArray(agentExternalIds.externalId, list.slice(i, i + MAX_IDS_PER_QUERY))));
      for (const row of rows) out.set(agentKey(connectionId, row.externalId), row.agentId);
    }
  }
  return out;
}

/** A delivery that ran out of tries: counted dead, with where its archived copy is, for replay. */
export function recordDead(db: Db, d: DeliveryMessage, archiveKey: string, now: number): Statement[] {
  return [
    db
      .insert(deadDeliveries)
      .values({ uid: d.uid, storeId: d.storeId, connectionId: d.connectionId, receivedAt: d.receivedAt, archiveKey, lastError: d.lastError?.slice(0, 500) ?? null, deadAt: now })
      .onConflictDoNothing(),
    db
      .insert(deliveryCounts)
      .values({ connectionId: d.connectionId, day: utcDay(d.receivedAt), storeId: d.storeId, lastReceivedAt: d.receivedAt })
      .onConflictDoNothing(),
    recountDead(db, d),
  ];
}

/** A failed try, counted on its own (the failed batch wrote nothing): best effort, for operators and tests. */
export function countFailure(db: Db, d: DeliveryMessage) {
  return db
    .insert(deliveryCounts)
    .values({ connectionId: d.connectionId, day: utcDay(d.receivedAt), storeId: d.storeId, failedTries: 1, lastReceivedAt: d.receivedAt })
    .onConflictDoUpdate({ target: [deliveryCounts.connectionId, deliveryCounts.day], set: { failedTries: sql`${deliveryCounts.failedTries} + 1` } })
    .run();
}
