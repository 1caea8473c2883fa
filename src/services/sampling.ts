import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';
import { agents, conversations, reviews, sampleDays, sampleSelections, stores, type ReviewItem } from '../db/schema';
import { localDayRange } from '../lib/time';

type SampleDayRow = typeof sampleDays.$inferSelect;
import { notFound } from '../domain/errors';
import { calibrationAgreement, type CalibrationPair } from '../sampling/calibration';

/** A sampled day: coverage, and per agent the quota and the conversations chosen with their reasons. */
export async function getSampleDay(db: Db, storeId: string, date: string, team: string | null) {
  const day = await db.select().from(sampleDays).where(and(eq(sampleDays.storeId, storeId), eq(sampleDays.date, date))).get();
  if (!day) throw notFound(`Sample for ${date}`);
  const rows = await db
    .select({ s: sampleSelections, name: agents.name, team: agents.team })
    .from(sampleSelections)
    .leftJoin(agents, eq(agents.id, sampleSelections.agentId))
    .where(and(eq(sampleSelections.storeId, storeId), eq(sampleSelections.date, date)))
    .orderBy(asc(sampleSelections.agentId), asc(sampleSelections.conversationId));
  const coverage = day.coverage;
  const byAgent = new Map<string, { agentId: string; agentName: string | null; team: string | null; quota: number; selected: { conversationId: string; reason: string; mustReview: boolean }[] }>();
  for (const { s, name, team: agentTeam } of rows) {
    if (team !== null && agentTeam !== team) continue;
    const entry = byAgent.get(s.agentId) ?? { agentId: s.agentId, agentName: name, team: agentTeam, quota: s.quota, selected: [] };
    entry.selected.push({ conversationId: s.conversationId, reason: s.reason, mustReview: s.mustReview });
    byAgent.set(s.agentId, entry);
  }
  const shortfalls = new Map(coverage.shortfalls.map((x) => [x.agentId, x]));
  const agentRows = [...byAgent.values()].map((a) => {
    const shortfall = shortfalls.get(a.agentId);
    return { ...a, shortfall: shortfall ? shortfall.quota - shortfall.selected : 0, shortfallReason: shortfall?.reason ?? null };
  });
  return { date, coverage: team === null ? coverage : await teamCoverage(db, storeId, team, coverage, agentRows), agents: agentRows };
}

/**
 * A lead sees their team's coverage, never the store's: counted again for the team's agents, with the
 * team's conversations that day and its selections no reviewer could take.
 */
async function teamCoverage(db: Db, storeId: string, team: string, store: SampleDayRow['coverage'], rows: { agentId: string; selected: { mustReview: boolean }[]; shortfall: number }[]): Promise<SampleDayRow['coverage']> {
  const ids = new Set(rows.map((r) => r.agentId));
  const place = await db.select({ timezone: stores.timezone }).from(stores).where(eq(stores.id, storeId)).get();
  const { start, end } = localDayRange(store.date, place?.timezone ?? 'UTC');
  const ofTeam = (column: AnySQLiteColumn) => sql`${column} in (select ${agents.id} from ${agents} where ${agents.storeId} = ${storeId} and ${agents.team} = ${team})`;
  const [conversationCount, unassigned] = await db.batch([
    db.select({ n: sql<number>`count(*)` }).from(conversations).where(and(eq(conversations.storeId, storeId), ofTeam(conversations.agentId), gte(conversations.openedAt, start), lt(conversations.openedAt, end))),
    db
      .select({ n: sql<number>`count(*)` })
      .from(sampleSelections)
      .where(and(eq(sampleSelections.storeId, storeId), eq(sampleSelections.date, store.date), ofTeam(sampleSelections.agentId), sql`not exists (select 1 from ${reviews} where ${reviews.storeId} = ${storeId} and ${reviews.conversationId} = ${sampleSelections.conversationId} and ${reviews.blind} = 0)`)),
  ]);
  return {
    date: store.date,
    agentsActive: rows.length,
    agentsAtQuota: rows.filter((r) => r.shortfall === 0).length,
    conversations: conversationCount[0]?.n ?? 0,
    selected: rows.reduce((n, r) => n + r.selected.length, 0),
    mustReview: rows.reduce((n, r) => n + r.selected.filter((x) => x.mustReview).length, 0),
    shortfalls: store.shortfalls.filter((x) => ids.has(x.agentId)),
    unassigned: unassigned[0]?.n ?? 0,
  };
}

/** Reviewer agreement from the day's (or all) calibration pairs that both reviewers submitted. */
export async function calibrationReport(db: Db, storeId: string, date: string | null, team: string | null = null) {
  // A lead's report holds the pairs about their team's agents only.
  const inTeam = team === null ? undefined : sql`${reviews.agentId} in (select ${agents.id} from ${agents} where ${agents.storeId} = ${storeId} and ${agents.team} = ${team})`;
  const rows = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.storeId, storeId), eq(reviews.status, 'submitted'), date ? eq(reviews.sampleDate, date) : undefined, inTeam));
  const blind = rows.filter((r) => r.blind);
  const pairs: CalibrationPair[] = [];
  const outcomes = (items: ReviewItem[] | null) => Object.fromEntries((items ?? []).map((i) => [i.itemId, i.outcome]));
  for (const b of blind) {
    const primary = rows.find((r) => !r.blind && r.conversationId === b.conversationId);
    if (!primary || primary.score === null || b.score === null) continue;
    pairs.push({ reviewerA: primary.reviewerId, reviewerB: b.reviewerId, scoreA: primary.score, scoreB: b.score, itemsA: outcomes(primary.items), itemsB: outcomes(b.items) });
  }
  return { pairs: pairs.length, reviewers: calibrationAgreement(pairs) };
}
