import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { scorecards } from '../db/schema';
import { auditInsert } from './audit';
import { SYSTEM, type Actor } from './coaching-scope';
import { notFound, zodToAppError } from '../domain/errors';
import { newId } from '../lib/ids';
import { keptRecent } from '../lib/recent';
import { scorecardSchema, type Scorecard } from '../qa/scorecard';
import { DEFAULT_SCORECARDS } from '../qa/templates';
import type { Phase } from '../qa/types';

type Row = typeof scorecards.$inferSelect;

export function scorecardView(row: Row) {
  return { ...row.definition, id: row.id, phase: row.phase, version: row.version, active: row.active, createdAt: new Date(row.createdAt).toISOString() };
}

/** The two default scorecards, version 1 and active, as insert statements (a new store gets them in its creation batch). */
export function defaultScorecardInserts(db: Db, storeId: string) {
  return (['pre_sales', 'after_sales'] as const).map((phase) =>
    db.insert(scorecards).values({ id: newId('sc'), storeId, phase, version: 1, active: true, definition: DEFAULT_SCORECARDS[phase] }).onConflictDoNothing(),
  );
}

/**
 * Card definitions by store and version id, the least recently used first out. A version never changes (an
 * edit saves the next one), and AutoQA keeps what it works out about a card (its plan, its scores by
 * pattern of outcomes: qa/scorecard.ts) on the card object: the same object from job to job lets that
 * outlive one batch (at most 32 cards, each with up to ~256 KB of kept scores). Read only: AutoQA never
 * writes to a card.
 */
const definitions = new Map<string, Scorecard>();
const DEFINITIONS_KEPT = 32;

function definitionOf(row: Row): Scorecard {
  return keptRecent(definitions, `${row.storeId}:${row.id}`, DEFINITIONS_KEPT, () => row.definition);
}

/** The active scorecard per phase; a store without one gets the defaults first. */
export async function activeScorecards(db: Db, storeId: string): Promise<Record<Phase, { id: string; version: number; card: Scorecard }>> {
  let rows = await db.select().from(scorecards).where(and(eq(scorecards.storeId, storeId), eq(scorecards.active, true)));
  if (rows.length < 2) {
    const missing = defaultScorecardInserts(db, storeId).filter((_, i) => !rows.some((r) => r.phase === (['pre_sales', 'after_sales'] as const)[i]));
    if (missing.length) await db.batch(missing as [(typeof missing)[number], ...typeof missing]);
    rows = await db.select().from(scorecards).where(and(eq(scorecards.storeId, storeId), eq(scorecards.active, true)));
  }
  const by = Object.fromEntries(rows.map((r) => [r.phase, { id: r.id, version: r.version, card: definitionOf(r) }]));
  return by as Record<Phase, { id: string; version: number; card: Scorecard }>;
}

export async function listScorecards(db: Db, storeId: string) {
  await activeScorecards(db, storeId);
  const rows = await db.select().from(scorecards).where(eq(scorecards.storeId, storeId)).orderBy(scorecards.phase, desc(scorecards.version));
  return rows.map(scorecardView);
}

export async function getScorecard(db: Db, storeId: string, id: string) {
  const row = await db.select().from(scorecards).where(and(eq(scorecards.id, id), eq(scorecards.storeId, storeId))).get();
  if (!row) throw notFound('Scorecard');
  return row;
}

/** Saves an edited scorecard as the next version of its phase; `activate` makes it the one new scores use. */
export async function createScorecardVersion(db: Db, storeId: string, input: unknown, activate: boolean, actor: Actor = SYSTEM, now = Date.now()) {
  const parsed = scorecardSchema.safeParse(input);
  if (!parsed.success) throw zodToAppError(parsed.error);
  const card = parsed.data;
  const id = newId('sc');
  // The next version number is taken inside the insert itself, so two edits saved at once get two
  // versions rather than one of them failing on the unique (store, phase, version).
  const nextVersion = sql<number>`(select coalesce(max(${scorecards.version}), 0) + 1 from ${scorecards} where ${scorecards.storeId} = ${storeId} and ${scorecards.phase} = ${card.phase})`;
  const insert = db.insert(scorecards).values({ id, storeId, phase: card.phase, version: nextVersion, active: false, definition: card });
  const audit = auditInsert(db, storeId, actor, { entityType: 'scorecard', entityId: id, action: 'scorecard_created', before: null, after: { phase: card.phase, activated: activate }, reason: null }, now);
  await db.batch([insert, audit, ...(activate ? activationStatements(db, storeId, card.phase, id) : [])]);
  return scorecardView(await getScorecard(db, storeId, id));
}

function activationStatements(db: Db, storeId: string, phase: Phase, id: string) {
  return [
    db.update(scorecards).set({ active: false }).where(and(eq(scorecards.storeId, storeId), eq(scorecards.phase, phase))),
    db.update(scorecards).set({ active: true }).where(and(eq(scorecards.storeId, storeId), eq(scorecards.id, id))),
  ] as const;
}

export async function activateScorecard(db: Db, storeId: string, id: string, actor: Actor = SYSTEM, now = Date.now()) {
  const row = await getScorecard(db, storeId, id);
  const audit = auditInsert(db, storeId, actor, { entityType: 'scorecard', entityId: row.id, action: 'scorecard_activated', before: null, after: { phase: row.phase, version: row.version }, reason: null }, now);
  await db.batch([...activationStatements(db, storeId, row.phase, row.id), audit]);
  return scorecardView(await getScorecard(db, storeId, id));
}
