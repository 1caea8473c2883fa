import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agents, reviews, sampleDays, sampleSelections, type ReviewItem } from '../db/schema';
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
  return {
    date,
    coverage,
    agents: [...byAgent.values()].map((a) => {
      const shortfall = shortfalls.get(a.agentId);
      return { ...a, shortfall: shortfall ? shortfall.quota - shortfall.selected : 0, shortfallReason: shortfall?.reason ?? null };
    }),
  };
}

/** Reviewer agreement from the day's (or all) calibration pairs that both reviewers submitted. */
export async function calibrationReport(db: Db, storeId: string, date: string | null) {
  const rows = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.storeId, storeId), eq(reviews.status, 'submitted'), date ? eq(reviews.sampleDate, date) : undefined));
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
