import { and, eq, inArray, sql } from 'drizzle-orm';
import { noCardText } from '../coaching/wording';
import type { Localized } from '../coaching/types';
import type { Db } from '../db/client';
import { reviews, sampleDays, sampleSelections } from '../db/schema';
import type { NoCardReason } from '../domain/enums';
import { inChunks } from './coaching-scope';

export interface NoCard {
  agentId: string;
  agentName: string;
  reason: NoCardReason;
  reasonText: Localized;
  pendingReviews: number;
}

/**
 * Why each of these agents has no card for the day (the caller passes agents without one): the day is
 * not sampled yet, they had no conversations, their reviews are still to do, or the card job is next.
 */
export async function noCardsFor(db: Db, storeId: string, date: string, agents: { id: string; name: string }[]): Promise<NoCard[]> {
  if (!agents.length) return [];
  const sampled = await db.select({ date: sampleDays.date }).from(sampleDays).where(and(eq(sampleDays.storeId, storeId), eq(sampleDays.date, date))).get();
  const ids = agents.map((a) => a.id);
  const selections = sampled
    ? await inChunks(ids, (chunk) =>
        db
          .select({ agentId: sampleSelections.agentId, n: sql<number>`count(*)` })
          .from(sampleSelections)
          .where(and(eq(sampleSelections.storeId, storeId), eq(sampleSelections.date, date), inArray(sampleSelections.agentId, chunk)))
          .groupBy(sampleSelections.agentId),
      )
    : [];
  const counts = await inChunks(ids, (chunk) =>
    db
      .select({ agentId: reviews.agentId, total: sql<number>`count(*)`, submitted: sql<number>`sum(case when ${reviews.status} = 'submitted' then 1 else 0 end)` })
      .from(reviews)
      .where(and(eq(reviews.storeId, storeId), eq(reviews.sampleDate, date), eq(reviews.blind, false), inArray(reviews.agentId, chunk)))
      .groupBy(reviews.agentId),
  );
  const selected = new Map(selections.map((s) => [s.agentId, Number(s.n)]));
  const reviewed = new Map(counts.map((c) => [c.agentId, { total: Number(c.total), submitted: Number(c.submitted) }]));
  return agents.map((a) => {
    const r = reviewed.get(a.id);
    const picked = selected.get(a.id) ?? 0;
    let reason: NoCardReason;
    let pending = 0;
    if (!sampled && !r) reason = 'not_sampled_yet';
    else if (!r && !picked) reason = 'not_active';
    else if (!r || r.submitted < r.total || r.submitted === 0) {
      reason = 'reviews_pending';
      pending = r ? r.total - r.submitted : picked;
    } else reason = 'not_generated_yet';
    return { agentId: a.id, agentName: a.name, reason, reasonText: noCardText(reason, pending), pendingReviews: pending };
  });
}
