import { and, eq, ne } from 'drizzle-orm';
import { redactColleagues } from '../coaching/redact';
import type { Db } from '../db/client';
import { agents } from '../db/schema';
import type { AuditActorKind, WidgetRole } from '../domain/enums';
import { notFound } from '../domain/errors';

/**
 * Who is asking, as the coaching services need it: an agent sees only their own data, a lead only their
 * team's, QA and managers (and the API key) the store's. Built from the principal by the HTTP layer.
 */
export interface CoachingScope {
  role: WidgetRole | 'api_key';
  sub: string | null;
  /** Set for agent tokens: the only agent visible. */
  agentId: string | null;
  /** Set for lead tokens: only agents of this team are visible. */
  team: string | null;
}

export const FULL_SCOPE: CoachingScope = { role: 'api_key', sub: null, agentId: null, team: null };

/** Who wrote something, for the audit log. */
export interface Actor {
  kind: AuditActorKind;
  role: string | null;
  sub: string | null;
}
export const SYSTEM: Actor = { kind: 'system', role: null, sub: null };
/** The operator (who runs the SaaS: key and secret rotations). */
export const OPERATOR: Actor = { kind: 'operator', role: null, sub: null };
export const actorOf = (s: CoachingScope): Actor => (s.role === 'api_key' ? { kind: 'api_key', role: null, sub: s.sub } : { kind: 'widget', role: s.role, sub: s.sub });

export type RosterRow = typeof agents.$inferSelect;

/** One agent, if the scope may see them; another store's, another agent's or another team's → 404. */
export async function visibleAgent(db: Db, storeId: string, scope: CoachingScope, agentId: string): Promise<RosterRow> {
  const row = await db.select().from(agents).where(and(eq(agents.id, agentId), eq(agents.storeId, storeId))).get();
  if (!row || !canSee(scope, row)) throw notFound('Agent');
  return row;
}

export function canSee(scope: Pick<CoachingScope, 'agentId' | 'team'>, agent: Pick<RosterRow, 'id' | 'team'>): boolean {
  if (scope.agentId !== null) return agent.id === scope.agentId;
  if (scope.team !== null) return agent.team === scope.team;
  return true;
}

/** The agents the scope may see, optionally narrowed to one (404 when that one is not visible). */
export async function visibleAgents(db: Db, storeId: string, scope: CoachingScope, only?: string | null): Promise<RosterRow[]> {
  if (only) return [await visibleAgent(db, storeId, scope, only)];
  const rows = await db
    .select()
    .from(agents)
    .where(and(eq(agents.storeId, storeId), scope.agentId !== null ? eq(agents.id, scope.agentId) : undefined, scope.team !== null ? eq(agents.team, scope.team) : undefined));
  return rows.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/** `column IN (ids)` in chunks of 90 bound parameters: runs `read` per chunk and concatenates. */
export async function inChunks<T>(ids: string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 90) out.push(...(await read(unique.slice(i, i + 90))));
  return out;
}

/** The names of the store's agents other than `agentId` (every agent's when it is null). */
export async function colleagueNames(db: Db, storeId: string, agentId: string | null): Promise<string[]> {
  const rows = await db.select({ name: agents.name }).from(agents).where(and(eq(agents.storeId, storeId), agentId ? ne(agents.id, agentId) : undefined));
  return rows.map((a) => a.name);
}

/** Free text as one caller reads it (null stays null). */
export type Redactor = <T extends string | null>(text: T) => T;

/**
 * How free text others wrote (a reviewer's comment, a lead's reply) reads to the caller: to an agent with
 * other agents' names replaced, as on their card (a reviewer may compare them with a colleague by name);
 * to leads, QA and managers as written.
 */
export async function colleagueRedactor(db: Db, storeId: string, agentId: string | null | undefined): Promise<Redactor> {
  if (!agentId) return (text) => text;
  const names = await colleagueNames(db, storeId, agentId);
  return <T extends string | null>(text: T) => (text === null ? text : (redactColleagues(text, names) as T));
}
