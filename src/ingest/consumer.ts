import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { agentExternalIds, platformUsers, rawEvents, stores } from '../db/schema';
import { readSettings } from '../services/settings';
import { getAdapter } from './adapters';
import { maskContactData } from './mask';
import { timeWarnings } from './sanity';
import type { NormalisedEvent } from './types';
import { agentKey, eventStatements, type IngestTarget } from './writes';

type Statement = BatchItem<'sqlite'>;

export interface ProcessOutcome {
  /** Raw events written (or found to hold nothing to write). */
  done: string[];
  /** Raw events left for another invocation: writing them too would pass the query budget. */
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
 * Writes stored deliveries: every event of every delivery and each raw event's new status in one D1
 * batch, so a failure leaves nothing half-written and the retry starts clean. Ids derive from the
 * platform's own ids, so running it again (redelivery, retry, replay) changes nothing. Reads are
 * shared across the deliveries of a queue batch, which is what keeps ingest cheap per event.
 */
export async function processRawEvents(db: Db, rawEventIds: string[], now: number): Promise<ProcessOutcome> {
  const ids = [...new Set(rawEventIds)];
  const raws: (typeof rawEvents.$inferSelect)[] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS_PER_QUERY) {
    raws.push(...(await db.select().from(rawEvents).where(inArray(rawEvents.id, ids.slice(i, i + MAX_IDS_PER_QUERY)))));
  }
  const outcome: ProcessOutcome = { done: [], deferred: [], closed: [] };
  if (!raws.length) return outcome;

  const storeIds = [...new Set(raws.map((r) => r.storeId))];
  const settingsRows = await db.select({ id: stores.id, settings: stores.settings }).from(stores).where(inArray(stores.id, storeIds));
  const settings = new Map(settingsRows.map((s) => [s.id, readSettings(s.settings)]));

  const parsed = raws.map((raw) => ({ raw, ...getAdapter(raw.platform).normalise(JSON.parse(raw.body), { receivedAt: raw.receivedAt }) }));
  const refs = parsed.flatMap(({ raw, events }) => agentRefs(events).map((externalId) => ({ connectionId: raw.connectionId, externalId })));
  const mapped = await knownAgents(db, refs);
  const bots = await knownBots(db, parsed.flatMap(({ raw, events }) => events.flatMap((e) => (e.kind === 'participant.seen' && e.role === 'agent' ? [{ connectionId: raw.connectionId, externalId: e.externalId }] : []))));
  // Bots named anywhere in this batch count too, whatever order its deliveries are written in.
  for (const { raw, events } of parsed) for (const e of events) if (e.kind === 'participant.seen' && e.role === 'bot') bots.add(agentKey(raw.connectionId, e.externalId));

  const statements: Statement[] = [];
  for (const { raw, events, ignoredTypes, warnings } of parsed) {
    // Once one delivery waits, the rest wait too: their statements may rely on its new agents.
    if (outcome.deferred.length) {
      outcome.deferred.push(raw.id);
      continue;
    }
    const own: Statement[] = [];
    const target: IngestTarget = {
      storeId: raw.storeId,
      connectionId: raw.connectionId,
      platform: raw.platform,
      knownAgents: mapped,
      knownBots: bots,
      transformText: settings.get(raw.storeId)?.maskPii === false ? (text) => text : maskContactData,
      receivedAt: raw.receivedAt,
    };
    // Odd values are stored, never refused (SPEC §5); the delivery keeps why they looked odd.
    const odd = [...(warnings ?? []), ...timeWarnings(events, raw.receivedAt)];
    for (const event of events) own.push(...(await eventStatements(db, target, event)));
    own.push(
      db
        .update(rawEvents)
        .set({ status: events.length ? 'processed' : 'ignored', processedAt: now, ignoredTypes: ignoredTypes.length, lastError: null, warnings: odd.length ? odd : null })
        .where(eq(rawEvents.id, raw.id)),
    );
    // A delivery is written whole or not at all: one that does not fit waits for the next invocation.
    if (statements.length && statements.length + own.length > STATEMENT_BUDGET) {
      outcome.deferred.push(raw.id);
      continue;
    }
    statements.push(...own);
    outcome.done.push(raw.id);
  }
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
 * Records a failed attempt on the raw event, so an operator sees why; `dead` once retries ran out.
 * Only a delivery still queued turns dead: a late dead letter must not undo a replay that since wrote it.
 */
export async function recordFailure(db: Db, rawEventId: string, error: unknown, dead: boolean) {
  const message = error instanceof Error ? error.message : String(error);
  await db
    .update(rawEvents)
    .set({
      lastError: message.slice(0, 500),
      attempts: sql`${rawEvents.attempts} + 1`,
      ...(dead ? { status: sql`case when ${rawEvents.status} = 'queued' then 'dead' else ${rawEvents.status} end` } : {}),
    })
    .where(eq(rawEvents.id, rawEventId));
}
