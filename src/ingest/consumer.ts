import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { deliveryBody } from '../archive/deliveries';
import { utcDay } from '../archive/keys';
import type { Db } from '../db/client';
import { d1Statement, type Buildable } from '../db/statements';
import { agentExternalIds, countedDeliveries, deadDeliveries, deliveryCounts, deliveryWarnings, platformUsers, stores } from '../db/schema';
import { readSettings } from '../services/settings';
import { getAdapter } from './adapters';
import type { DeliveryMessage } from './delivery';
import { ledgerKey } from './ledger';
import { maskContactData } from './mask';
import { timeWarnings } from './sanity';
import type { NormalisedEvent } from './types';
import { MessageRows, MessageWrites } from './write-batch';
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
export async function processDeliveries(db: Db, bucket: R2Bucket, deliveries: DeliveryMessage[]): Promise<ProcessOutcome> {
  const outcome: ProcessOutcome = { done: [], deferred: [], closed: [] };
  const unique = [...new Map(deliveries.map((d) => [d.uid, d])).values()];
  if (!unique.length) return outcome;

  const storeIds = [...new Set(unique.map((d) => d.storeId))];
  const settingsRows = await db.select({ id: stores.id, settings: stores.settings }).from(stores).where(inArray(stores.id, storeIds));
  const settings = new Map(settingsRows.map((s) => [s.id, readSettings(s.settings)]));

  // A delivery rewritten by an erasure carries its remaining events, already normalised.
  const parsed = await Promise.all(
    unique.map(async (d) => ({
      d,
      ...(d.events ? { events: d.events, ignoredTypes: [], warnings: undefined } : getAdapter(d.platform).normalise(JSON.parse(await deliveryBody(bucket, d)), { receivedAt: d.receivedAt })),
    })),
  );
  const mapped = await knownAgents(db, parsed.flatMap(({ d, events }) => agentRefs(events).map((externalId) => ({ connectionId: d.connectionId, externalId }))));
  const bots = await knownBots(db, parsed.flatMap(({ d, events }) => events.flatMap((e) => (e.kind === 'participant.seen' && e.role === 'agent' ? [{ connectionId: d.connectionId, externalId: e.externalId }] : []))));
  // Bots named anywhere in this batch count too, whatever order its deliveries are written in.
  for (const { d, events } of parsed) for (const e of events) if (e.kind === 'participant.seen' && e.role === 'bot') bots.add(agentKey(d.connectionId, e.externalId));

  // Statements per event (closes, ratings, edits, participants, new agents); messages go to `written`,
  // one statement per kind of write for the whole batch.
  const statements: Statement[] = [];
  const written = new MessageWrites();
  const counted: { d: DeliveryMessage; events: number; ignoredTypes: number }[] = [];
  for (const { d, events, ignoredTypes, warnings } of parsed) {
    // Once one delivery waits, the rest wait too: their statements may rely on its new agents.
    if (outcome.deferred.length) {
      outcome.deferred.push(d.uid);
      continue;
    }
    const own: Statement[] = [];
    const rows = new MessageRows();
    const target: IngestTarget = {
      storeId: d.storeId,
      connectionId: d.connectionId,
      platform: d.platform,
      knownAgents: mapped,
      knownBots: bots,
      transformText: settings.get(d.storeId)?.maskPii === false ? (text) => text : maskContactData,
      receivedAt: d.receivedAt,
    };
    // Odd values are stored, never refused (SPEC §5); the delivery keeps why they looked odd.
    const odd = [...(warnings ?? []), ...timeWarnings(events, d.receivedAt)];
    for (const event of events) own.push(...(await eventStatements(db, target, event, rows)));
    if (odd.length) {
      own.push(
        db
          .insert(deliveryWarnings)
          .values({ uid: d.uid, storeId: d.storeId, connectionId: d.connectionId, receivedAt: d.receivedAt, warnings: odd })
          .onConflictDoNothing(),
      );
    }
    // A delivery is written whole or not at all: one that does not fit waits for the next invocation.
    // Its messages add statements only where the batch's message writes need another (chunk or kind).
    const issued = statements.length + written.countWith();
    if (issued && statements.length + own.length + written.countWith(rows) > STATEMENT_BUDGET) {
      outcome.deferred.push(d.uid);
      continue;
    }
    statements.push(...own);
    written.add(rows);
    outcome.done.push(d.uid);
    counted.push({ d, events: events.length, ignoredTypes: ignoredTypes.length });
  }
  // Messages first (a message usually comes before the edits, closes and participants that refer to it),
  // the attribution they may change after everything else (the agents and roles it reads).
  const all = [...written.writes(), ...statements, ...written.attributions(db), ...countStatements(db, counted)];
  if (!all.length) return outcome;
  // D1's own batch (one atomic unit, as drizzle's): drizzle's cannot carry the message writes' raw SQL.
  // Every statement here is a query builder (which has toSQL) or a sql template.
  const results = await db.$client.batch(all.map((q) => d1Statement(db.$client, q as Buildable)));

  const seen = new Set<string>();
  for (const { results: rows } of results) {
    // Conversation upserts return [{id, store_id, status}]; other statements return no rows.
    for (const row of rows as { id?: string; store_id?: string; status?: string }[]) {
      if (row.status === 'closed' && row.id && row.store_id && !seen.has(row.id)) {
        seen.add(row.id);
        outcome.closed.push({ storeId: row.store_id, conversationId: row.id });
      }
    }
  }
  return outcome;
}

/**
 * The per-connection, per-day counts, in the same batch as the writes they count:
 * - a delivery already in the ledger (written before: the queue handed it over again) is not counted
 *   again, and every delivery written is entered in it;
 * - a replayed delivery was counted when first received; if it was dead, its count moves to processed;
 * - a delivery written after it had been recorded dead (a try still in flight) is dead no longer.
 */
function countStatements(db: Db, counted: { d: DeliveryMessage; events: number; ignoredTypes: number }[]): Statement[] {
  if (!counted.length) return [];
  const groups = new Map<string, { d: DeliveryMessage; day: string; rows: [string, number, number][]; replayed: string[]; last: number }>();
  for (const { d, events, ignoredTypes } of counted) {
    const day = utcDay(d.receivedAt);
    const key = `${d.connectionId}|${day}`;
    const group = groups.get(key) ?? { d, day, rows: [], replayed: [], last: 0 };
    if (d.replay) group.replayed.push(d.uid);
    else group.rows.push([ledgerKey(d.uid, d.receivedAt), events, ignoredTypes]);
    group.last = Math.max(group.last, d.receivedAt);
    groups.set(key, group);
  }
  const out: Statement[] = [];
  for (const { d, day, rows, replayed, last } of groups.values()) {
    const ofGroup = and(eq(deliveryCounts.connectionId, d.connectionId), eq(deliveryCounts.day, day));
    out.push(
      db
        .insert(deliveryCounts)
        .values({ connectionId: d.connectionId, day, storeId: d.storeId, lastReceivedAt: last })
        .onConflictDoUpdate({ target: [deliveryCounts.connectionId, deliveryCounts.day], set: { lastReceivedAt: sql`max(coalesce(${deliveryCounts.lastReceivedAt}, 0), excluded.last_received_at)` } }),
    );
    if (rows.length) {
      // One row per delivery [ledger key, events, ignored types]; `fresh` keeps those not counted yet.
      const fresh = sql`from json_each(${JSON.stringify(rows)}) where not exists
        (select 1 from ${countedDeliveries} where ${countedDeliveries.key} = cast(json_extract(value, '$[0]') as integer))`;
      out.push(
        db
          .update(deliveryCounts)
          .set({
            processed: sql`${deliveryCounts.processed} + (select count(*) ${fresh} and json_extract(value, '$[1]') > 0)`,
            ignored: sql`${deliveryCounts.ignored} + (select count(*) ${fresh} and json_extract(value, '$[1]') = 0)`,
            ignoredTypes: sql`${deliveryCounts.ignoredTypes} + (select coalesce(sum(json_extract(value, '$[2]')), 0) ${fresh})`,
          })
          .where(ofGroup),
      );
    }
    if (replayed.length) {
      out.push(
        db
          .update(deliveryCounts)
          .set({ processed: sql`${deliveryCounts.processed} + (select count(*) from ${deadDeliveries} where ${deadDeliveries.uid} in (select value from json_each(${JSON.stringify(replayed)})))` })
          .where(ofGroup),
      );
    }
  }
  const uids = counted.map(({ d }) => d.uid);
  out.push(
    db.delete(deadDeliveries).where(sql`${deadDeliveries.uid} in (select value from json_each(${JSON.stringify(uids)}))`),
    db
      .insert(countedDeliveries)
      // `where true`: SQLite needs a WHERE before an upsert clause on INSERT … SELECT.
      .select(sql`select cast(value as integer) from json_each(${JSON.stringify(counted.map(({ d }) => ledgerKey(d.uid, d.receivedAt)))}) where true`)
      .onConflictDoNothing(),
    ...[...groups.values()].map(({ d }) => recountDead(db, d)),
  );
  return out;
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
  return events.flatMap((e) =>
    (e.kind === 'message.created' && e.sender.role === 'agent' && e.sender.id) ? [e.sender.id] : e.kind === 'participant.seen' && e.role === 'agent' ? [e.externalId] : [],
  );
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

/** agentKey(connection, id) of participants the platform has named bots, among these (LiveChat lists bots among a chat's agents). */
async function knownBots(db: Db, refs: { connectionId: string; externalId: string }[]) {
  const out = new Set<string>();
  // Each ref binds up to two parameters (connection and id): half the usual slice keeps under D1's 100.
  const size = Math.floor(MAX_IDS_PER_QUERY / 2);
  for (let i = 0; i < refs.length; i += size) {
    const slice = refs.slice(i, i + size);
    const rows = await db
      .select({ connectionId: platformUsers.connectionId, externalId: platformUsers.externalId })
      .from(platformUsers)
      .where(and(eq(platformUsers.role, 'bot'), inArray(platformUsers.connectionId, [...new Set(slice.map((r) => r.connectionId))]), inArray(platformUsers.externalId, slice.map((r) => r.externalId))));
    for (const row of rows) out.add(agentKey(row.connectionId, row.externalId));
  }
  return out;
}

/**
 * A delivery that ran out of tries: counted dead, with where its archived copy is, for replay. One the
 * ledger holds was written after all (its write committed, what came after failed): it is not dead.
 */
export function recordDead(db: Db, d: DeliveryMessage, archiveKey: string, now: number): Statement[] {
  const error = d.lastError?.slice(0, 500) ?? null;
  return [
    // Every column, in the table's order (uid, store, connection, received, archive key, error, dead at).
    db
      .insert(deadDeliveries)
      .select(
        sql`select ${d.uid}, ${d.storeId}, ${d.connectionId}, ${d.receivedAt}, ${archiveKey}, ${error}, ${now}
          where not exists (select 1 from ${countedDeliveries} where ${countedDeliveries.key} = cast(${ledgerKey(d.uid, d.receivedAt)} as integer))`,
      )
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
