import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { z } from 'zod';
import type { Db } from '../db/client';
import { agentExternalIds, agents, connections, conversations, stores } from '../db/schema';
import { isoDay } from '../domain/dates';
import { AppError, notFound } from '../domain/errors';
import { localDate } from '../lib/time';
import { PHASES } from '../ingest/types';
import { newId } from '../lib/ids';

const externalIdInput = z.object({ connectionId: z.string().min(1).max(100), externalId: z.string().trim().min(1).max(200) });
/** Hire dates: not before 1970 here, and not after the store's today (checked with the clock below). */
const date = isoDay('1970-01-01');

export const agentFields = {
  name: z.string().trim().min(1).max(200),
  team: z.string().trim().min(1).max(100).nullable(),
  phase: z.enum(PHASES).nullable(),
  hiredAt: date.nullable(),
  excellent: z.boolean(),
  unstable: z.boolean(),
  active: z.boolean(),
  externalIds: z.array(externalIdInput).max(50),
};
export const createAgentInput = z.object(agentFields).partial().required({ name: true });
export const patchAgentInput = z
  .object(agentFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });

type AgentRow = typeof agents.$inferSelect;
type ExternalIdRow = { agentId: string; connectionId: string; externalId: string };

export function agentView(row: AgentRow, ids: ExternalIdRow[]) {
  return {
    id: row.id,
    name: row.name,
    team: row.team,
    phase: row.phase,
    hiredAt: row.hiredAt,
    excellent: row.excellent,
    unstable: row.unstable,
    active: row.active,
    /** Created by ingest from an unknown platform id: team and hire date still to be completed. */
    needsCompletion: row.createdFromIngest && (!row.team || !row.hiredAt),
    externalIds: ids.filter((i) => i.agentId === row.id).map(({ connectionId, externalId }) => ({ connectionId, externalId })),
  };
}

async function externalIdsOf(db: Db, storeId: string, agentIds: string[]) {
  if (!agentIds.length) return [];
  const out: ExternalIdRow[] = [];
  for (let i = 0; i < agentIds.length; i += 90) {
    out.push(
      ...(await db
        .select({ agentId: agentExternalIds.agentId, connectionId: agentExternalIds.connectionId, externalId: agentExternalIds.externalId })
        .from(agentExternalIds)
        .where(and(eq(agentExternalIds.storeId, storeId), inArray(agentExternalIds.agentId, agentIds.slice(i, i + 90))))),
    );
  }
  return out;
}

export async function listAgents(db: Db, storeId: string, filter: { team?: string | null }) {
  const rows = await db
    .select()
    .from(agents)
    .where(and(eq(agents.storeId, storeId), filter.team ? eq(agents.team, filter.team) : undefined))
    .orderBy(asc(agents.name), asc(agents.id));
  const ids = await externalIdsOf(db, storeId, rows.map((r) => r.id));
  return rows.map((r) => agentView(r, ids));
}

export async function getAgent(db: Db, storeId: string, agentId: string) {
  const row = await db.select().from(agents).where(and(eq(agents.id, agentId), eq(agents.storeId, storeId))).get();
  if (!row) throw notFound('Agent');
  return agentView(row, await externalIdsOf(db, storeId, [row.id]));
}

/** An agent as a lead sees it: one outside the lead's team (team given) is not found. */
export async function getAgentInTeam(db: Db, storeId: string, agentId: string, team: string | null) {
  const agent = await getAgent(db, storeId, agentId);
  if (team !== null && agent.team !== team) throw notFound('Agent');
  return agent;
}

async function assertConnectionsOwned(db: Db, storeId: string, connectionIds: string[]) {
  const unique = [...new Set(connectionIds)];
  if (!unique.length) return;
  const owned = await db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.storeId, storeId), inArray(connections.id, unique)));
  const ownedIds = new Set(owned.map((o) => o.id));
  const missing = unique.findIndex((id) => !ownedIds.has(id));
  if (missing >= 0) throw new AppError('not_found', 'Connection not found', `externalIds.${connectionIds.indexOf(unique[missing]!)}.connectionId`);
}

/**
 * Points the given platform ids at this agent. An id that belonged to another agent (typically one
 * ingest created before the manager completed the roster) moves over with its conversations; messages
 * name the platform's sender id and read their agent through this mapping, so they follow by themselves.
 */
function mappingStatements(db: Db, storeId: string, agentId: string, ids: z.infer<typeof externalIdInput>[]): BatchItem<'sqlite'>[] {
  const out: BatchItem<'sqlite'>[] = [db.delete(agentExternalIds).where(and(eq(agentExternalIds.storeId, storeId), eq(agentExternalIds.agentId, agentId)))];
  for (const { connectionId, externalId } of ids) {
    out.push(
      db
        .update(conversations)
        .set({ agentId })
        .where(
          and(
            eq(conversations.storeId, storeId),
            eq(conversations.connectionId, connectionId),
            sql`${conversations.agentId} = (select ${agentExternalIds.agentId} from ${agentExternalIds} where ${agentExternalIds.connectionId} = ${connectionId} and ${agentExternalIds.externalId} = ${externalId})`,
          ),
        ),
      db
        .insert(agentExternalIds)
        .values({ storeId, connectionId, externalId, agentId })
        .onConflictDoUpdate({ target: [agentExternalIds.connectionId, agentExternalIds.externalId], set: { agentId } }),
    );
  }
  return out;
}

/** A hire date in the future would make an agent a "new hire" for weeks to come: refuse it. */
async function assertHiredBy(db: Db, storeId: string, hiredAt: string | null | undefined, now: number) {
  if (!hiredAt) return;
  const store = await db.select({ timezone: stores.timezone }).from(stores).where(eq(stores.id, storeId)).get();
  const today = localDate(now, store?.timezone ?? 'UTC');
  if (hiredAt > today) throw new AppError('invalid_request', `hiredAt: must not be after today (${today} in the store's time zone)`, 'hiredAt');
}

export async function createAgent(db: Db, storeId: string, input: z.infer<typeof createAgentInput>, now: number) {
  const { externalIds = [], ...fields } = input;
  await assertHiredBy(db, storeId, fields.hiredAt, now);
  await assertConnectionsOwned(db, storeId, externalIds.map((e) => e.connectionId));
  const id = newId('ag');
  await db.batch([db.insert(agents).values({ ...fields, id, storeId, updatedAt: now }), ...mappingStatements(db, storeId, id, externalIds)]);
  return getAgent(db, storeId, id);
}

export async function patchAgent(db: Db, storeId: string, agentId: string, input: z.infer<typeof patchAgentInput>, now: number) {
  await getAgent(db, storeId, agentId);
  const { externalIds, ...fields } = input;
  await assertHiredBy(db, storeId, fields.hiredAt, now);
  if (externalIds) await assertConnectionsOwned(db, storeId, externalIds.map((e) => e.connectionId));
  const update = db
    .update(agents)
    .set({ ...fields, updatedAt: now })
    .where(and(eq(agents.id, agentId), eq(agents.storeId, storeId)));
  await db.batch([update, ...(externalIds ? mappingStatements(db, storeId, agentId, externalIds) : [])]);
  return getAgent(db, storeId, agentId);
}
