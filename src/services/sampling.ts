import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agents, conversations, reviews, sampleDays, sampleSelections, stores, type ReviewItem } from '../db/schema';
import { notFound } from '../domain/errors';
import { calibrationAgreement, type CalibrationPair } from '../sampling/calibration';
import { coverageFor } from '../sampling/team-coverage';
import type { DayCoverage } from '../sampling/types';
import { localDayRange } from '../lib/time';

/** The ids of a team's agents, as a subquery. */
const teamAgents = (storeId: string, team: string) => sql`(select ${agents.id} from ${agents} where ${agents.storeId} = ${storeId} and ${agents.team} = ${team})`;

/** A sampled day: coverage, and per agent the quota and the conversations chosen with their reasons. A lead (team) sees only the team, totals included. */
export async function getSampleDay(db: Db, storeId: string, date: string, team: string | null) {
  const day = await db.select().from(sampleDays).where(and(eq(sampleDays.storeId, storeId), eq(sampleDays.date, date))).get();
  if (!day) throw notFound(`Sample for ${date}`);
  const rows = await db
    .select({ s: sampleSelections, name: agents.name, team: agents.team })
    .from(sampleSelections)
    .leftJoin(agents, eq(agents.id, sampleSelections.agentId))
    .where(and(eq(sampleSelections.storeId, storeId), eq(sampleSelections.date, date), team === null ? undefined : eq(agents.team, team)))
    .orderBy(asc(sampleSelections.agentId), asc(sampleSelections.conversationId));
  const byAgent = new Map<string, { agentId: string; agentName: string | null; team: string | null; quota: number; selected: { conversationId: string; reason: string; mustReview: boolean }[] }>();
  for (const { s, name, team: agentTeam } of rows) {
    const entry = byAgent.get(s.agentId) ?? { agentId: s.agentId, agentName: name, team: agentTeam, quota: s.quota, selected: [] };
    entry.selected.push({ conversationId: s.conversationId, reason: s.reason, mustReview: s.mustReview });
    byAgent.set(s.agentId, entry);
  }
  const coverage = team === null ? day.coverage : await teamCoverage(db, storeId, date, team, day.coverage, [...byAgent.values()]);
  const shortfalls = new Map(coverage.shortfalls.map((x) => [x.agentId, x]));
  return {
    date,
    coverage,
    agents: [...byAgent.values()].map((a) => {
      const shortfall = shortfalls.get(a.agentId);
      return { ...a, shortfall: shortfall ? shortfall.quota - shortfall.selected : 0, shortfallReason: shortfall?.reason ?? null };
    }),
  };
}

/** The stored coverage counted again over the team's agents: their conversations that day, and which of their selections a reviewer took. */
async function teamCoverage(db: Db, storeId: string, date: string, team: string, stored: DayCoverage, sampled: { agentId: string; selected: { conversationId: string; mustReview: boolean }[] }[]) {
  const store = await db.select({ timezone: stores.timezone }).from(stores).where(eq(stores.id, storeId)).get();
  const { start, end } = localDayRange(date, store?.timezone ?? 'UTC');
  // One query each, whatever the team's size: the agents are read through their team, not bound one by one.
  const inTeam = teamAgents(storeId, team);
  const counted = await db
    .select({ n: sql<number>`count(*)` })
    .from(conversations)
    .where(and(eq(conversations.storeId, storeId), gte(conversations.openedAt, start), lt(conversations.openedAt, end), inArray(conversations.agentId, inTeam)))
    .get();
  const assigned = await db
    .select({ conversationId: reviews.conversationId })
    .from(reviews)
    .where(and(eq(reviews.storeId, storeId), eq(reviews.sampleDate, date), eq(reviews.blind, false), inArray(reviews.agentId, inTeam)));
  const taken = new Set(assigned.map((r) => r.conversationId));
  const days = sampled.map((a) => ({ agentId: a.agentId, selected: a.selected.map((s) => ({ mustReview: s.mustReview, assigned: taken.has(s.conversationId) })) }));
  return coverageFor(stored, days, counted?.n ?? 0);
}

/** Reviewer agreement from the day's (or all) calibration pairs that both reviewers submitted; a lead's (team) from their team's conversations only. */
export async function calibrationReport(db: Db, storeId: string, date: string | null, team: string | null = null) {
  const rows = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.storeId, storeId), eq(reviews.status, 'submitted'), date ? eq(reviews.sampleDate, date) : undefined, team === null ? undefined : inArray(reviews.agentId, teamAgents(storeId, team))));
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
