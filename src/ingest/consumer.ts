import { and, eq, inArray } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { agentExternalIds, rawEvents, stores } from '../db/schema';
import { readSettings } from '../stores/settings';
import { getAdapter } from './adapters';
import { maskContactData } from './mask';
import { eventStatements, type IngestTarget } from './writes';

export interface ProcessOutcome {
  status: 'processed' | 'ignored' | 'missing';
  /** Conversations that are closed after this delivery: they need (re-)scoring. */
  closedConversationIds: string[];
}

/**
 * Writes one stored delivery: all its events and the raw event's new status in one D1 batch, so a
 * failure part-way leaves nothing half-written and the retry starts clean. Ids derive from the
 * platform's own ids, so running it twice (redelivery, retry, replay) changes nothing.
 */
export async function processRawEvent(db: Db, rawEventId: string, now: number): Promise<ProcessOutcome> {
  const raw = await db.select().from(rawEvents).where(eq(rawEvents.id, rawEventId)).get();
  if (!raw) return { status: 'missing', closedConversationIds: [] };
  const store = await db.select({ settings: stores.settings }).from(stores).where(eq(stores.id, raw.storeId)).get();
  const settings = readSettings(store?.settings);

  const { events, ignoredTypes } = getAdapter(raw.platform).normalise(JSON.parse(raw.body));
  const markDone = db
    .update(rawEvents)
    .set({ status: events.length ? 'processed' : 'ignored', processedAt: now, ignoredTypes: ignoredTypes.length, lastError: null })
    .where(eq(rawEvents.id, raw.id));
  if (!events.length) {
    await markDone;
    return { status: 'ignored', closedConversationIds: [] };
  }

  const agentIds = [...new Set(events.flatMap((e) => (e.kind === 'message.created' && e.sender.id && e.sender.role === 'agent' ? [e.sender.id] : [])))];
  const mapped = agentIds.length
    ? await db
        .select({ externalId: agentExternalIds.externalId, agentId: agentExternalIds.agentId })
        .from(agentExternalIds)
        .where(and(eq(agentExternalIds.connectionId, raw.connectionId), inArray(agentExternalIds.externalId, agentIds)))
    : [];
  const target: IngestTarget = {
    storeId: raw.storeId,
    connectionId: raw.connectionId,
    platform: raw.platform,
    knownAgents: new Map(mapped.map((m) => [m.externalId, m.agentId])),
    transformText: settings.maskPii ? maskContactData : (text) => text,
  };

  const statements: BatchItem<'sqlite'>[] = [];
  for (const event of events) statements.push(...(await eventStatements(db, target, event)));
  statements.push(markDone);
  const results = await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);

  const closed = new Set<string>();
  for (const result of results) {
    // Conversation upserts return [{id, status}]; other statements return run results.
    if (Array.isArray(result)) for (const row of result as { id?: string; status?: string }[]) if (row.status === 'closed' && row.id) closed.add(row.id);
  }
  return { status: 'processed', closedConversationIds: [...closed] };
}

/** Records a failed attempt, kept on the raw event so an operator sees why. */
export async function recordFailure(db: Db, rawEventId: string, error: unknown, dead: boolean) {
  const message = error instanceof Error ? error.message : String(error);
  await db
    .update(rawEvents)
    .set({ lastError: message.slice(0, 500), ...(dead ? { status: 'dead' as const } : {}) })
    .where(eq(rawEvents.id, rawEventId));
}
