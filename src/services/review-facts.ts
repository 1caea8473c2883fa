import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { isDeduction } from '../coaching/card';
import type { FeedbackFact, ReviewFact } from '../coaching/followup';
import type { CoachingItem } from '../coaching/types';
import type { Db } from '../db/client';
import { coachingCards, reviews } from '../db/schema';
import { scorecardItems, type StoredReviewItem } from './card-inputs';
import { inChunks } from './coaching-scope';

/**
 * Submitted, non-calibration reviews of these agents in [from, to] as plain facts for the follow-up
 * figures (a partial deduction counts as a failure), with the item words of every scorecard version met.
 */
export async function reviewFacts(db: Db, storeId: string, agentIds: string[], from: string, to: string): Promise<{ facts: ReviewFact[]; items: Map<string, CoachingItem> }> {
  const rows = await inChunks(agentIds, (chunk) =>
    db
      .select({ agentId: reviews.agentId, date: reviews.sampleDate, score: reviews.score, items: reviews.items, scorecardId: reviews.scorecardId })
      .from(reviews)
      .where(and(eq(reviews.storeId, storeId), eq(reviews.status, 'submitted'), eq(reviews.blind, false), gte(reviews.sampleDate, from), lte(reviews.sampleDate, to), inArray(reviews.agentId, chunk))),
  );
  const cards = await scorecardItems(db, storeId, [...new Set(rows.map((r) => r.scorecardId).filter((x): x is string => !!x))]);
  const items = new Map<string, CoachingItem>();
  for (const card of cards.values()) for (const [id, item] of card) if (!items.has(id)) items.set(id, item);
  const facts = rows
    .filter((r) => r.score !== null)
    .map((r) => {
      const card = r.scorecardId ? cards.get(r.scorecardId) : undefined;
      const outcomes: ReviewFact['items'] = {};
      for (const i of (r.items ?? []) as StoredReviewItem[]) outcomes[i.itemId] = i.outcome === 'na' ? 'na' : isDeduction(i, card?.get(i.itemId)) ? 'fail' : 'pass';
      return { agentId: r.agentId, date: r.date, score: r.score!, items: outcomes };
    });
  return { facts, items };
}

/** The feedback on these agents' cards up to `to` (a year back at most). */
export async function feedbackFacts(db: Db, storeId: string, agentIds: string[], from: string, to: string): Promise<FeedbackFact[]> {
  const rows = await inChunks(agentIds, (chunk) =>
    db
      .select({ agentId: coachingCards.agentId, date: coachingCards.date, items: coachingCards.feedbackItems })
      .from(coachingCards)
      .where(and(eq(coachingCards.storeId, storeId), inArray(coachingCards.agentId, chunk), gte(coachingCards.date, from), lte(coachingCards.date, to), sql`${coachingCards.feedbackItems} != '[]'`)),
  );
  return rows.map((r) => ({ agentId: r.agentId, date: r.date, items: r.items as string[] }));
}

/** Per agent and local day: the reviewed average and count, for trends. */
export async function dailyAverages(db: Db, storeId: string, agentIds: string[], from: string, to: string) {
  return inChunks(agentIds, (chunk) =>
    db
      .select({ agentId: reviews.agentId, date: reviews.sampleDate, average: sql<number>`avg(${reviews.score})`, reviews: sql<number>`count(*)` })
      .from(reviews)
      .where(and(eq(reviews.storeId, storeId), eq(reviews.status, 'submitted'), eq(reviews.blind, false), gte(reviews.sampleDate, from), lte(reviews.sampleDate, to), inArray(reviews.agentId, chunk)))
      .groupBy(reviews.agentId, reviews.sampleDate),
  );
}
