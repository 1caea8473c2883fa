import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { transcriptsOf, type StoredMessage } from '../archive/transcripts';
import { coachingCards, type ReviewItem, type reviews, scorecards } from '../db/schema';
import { coachingItems } from '../coaching/items';
import type { CardReview, CoachingItem, QuoteSource, ReviewedItem } from '../coaching/types';
import { addDays } from '../lib/time';
import type { Scorecard } from '../qa/scorecard';
import type { RuleHit } from '../qa/types';
import { inChunks } from './coaching-scope';

/** A submitted review's item as stored (the reviewer may point at the message the finding is about). */
export type StoredReviewItem = ReviewItem;

export type ReviewRow = typeof reviews.$inferSelect;
type ReviewPhase = CardReview['phase'];
type MessageRow = Pick<StoredMessage, 'id' | 'role' | 'agentId' | 'text' | 'sentAt' | 'internal'>;

export async function scorecardItems(db: Db, storeId: string, ids: string[]): Promise<Map<string, Map<string, CoachingItem>>> {
  const rows = await inChunks(ids, (chunk) => db.select({ id: scorecards.id, definition: scorecards.definition }).from(scorecards).where(and(eq(scorecards.storeId, storeId), inArray(scorecards.id, chunk))));
  return new Map(rows.map((r) => [r.id, coachingItems(r.definition as Scorecard)]));
}

/** Whether a review failed a critical item (a taboo). */
export function hasCriticalFailure(row: ReviewRow, items: Map<string, CoachingItem> | undefined): boolean {
  return ((row.items ?? []) as StoredReviewItem[]).some((i) => i.outcome === 'fail' && items?.get(i.itemId)?.critical);
}

const toQuote = (m: MessageRow, span: { start: number; end: number } | null): QuoteSource => ({ messageId: m.id, text: m.text, sentAt: m.sentAt, fromCustomer: m.role === 'customer', span });

/** The message a finding is about: the reviewer's pick, else the first piece of AutoQA's evidence for the item. */
function findingQuote(given: StoredReviewItem, rules: string[], hits: RuleHit[], byId: Map<string, MessageRow>): QuoteSource | null {
  const picked = given.messageId ? byId.get(given.messageId) : undefined;
  if (picked) return toQuote(picked, null);
  for (const hit of hits) {
    if (hit.outcome !== 'fail' || !rules.includes(hit.rule)) continue;
    const span = hit.spans[0];
    const m = byId.get(span?.messageId ?? hit.messageIds[0] ?? '');
    if (m) return toQuote(m, span && span.messageId === m.id ? { start: span.start, end: span.end } : null);
  }
  return null;
}

/** The agent's fullest reply of a conversation, quoted when a reviewer marked it a good example. */
function bestReply(list: MessageRow[], agentId: string): QuoteSource | null {
  const own = list.filter((m) => m.role === 'agent' && m.agentId === agentId && !m.internal);
  const best = own.sort((a, b) => b.text.length - a.text.length || a.sentAt - b.sentAt)[0];
  return best ? toQuote(best, null) : null;
}

/**
 * Everything the cards of these submitted reviews quote and weigh: the scorecard versions, the
 * conversations' open times, AutoQA evidence and the messages — read in chunks of 90 ids.
 */
export async function loadCardReviews(
  db: Db,
  archive: R2Bucket,
  storeId: string,
  rows: ReviewRow[],
  conversationsOf: Map<string, { openedAt: number; phase: ReviewPhase }>,
): Promise<{ byAgent: Map<string, CardReview[]>; items: Map<string, Map<string, CoachingItem>> }> {
  const items = await scorecardItems(db, storeId, rows.map((r) => r.scorecardId).filter((x): x is string => !!x));
  // Evidence and messages only where the card quotes something: a deduction (a failure or lost points) or a good example.
  const quoted = rows.filter((r) => r.goodExample || ((r.items ?? []) as StoredReviewItem[]).some((i) => i.outcome === 'fail' || i.points !== undefined)).map((r) => r.conversationId);
  // Messages wherever they are (D1 while hot, the archive after) and the AutoQA evidence (in the archive since scoring).
  const transcripts = await transcriptsOf(db, archive, storeId, quoted, { autoQa: true });

  const byAgent = new Map<string, CardReview[]>();
  for (const r of rows) {
    const card = r.scorecardId ? items.get(r.scorecardId) : undefined;
    if (!card || r.score === null) continue;
    const transcript = transcripts.get(r.conversationId);
    const list: MessageRow[] = transcript?.messages ?? [];
    const byId = new Map(list.map((m) => [m.id, m]));
    const hits: RuleHit[] = transcript?.autoQa?.hits ?? [];
    const reviewed: ReviewedItem[] = ((r.items ?? []) as StoredReviewItem[]).map((g) => ({
      itemId: g.itemId,
      outcome: g.outcome,
      points: g.points,
      comment: g.comment,
      quote: g.outcome === 'na' ? null : findingQuote(g, card.get(g.itemId)?.rules ?? [], hits, byId),
    }));
    const conv = conversationsOf.get(r.conversationId);
    const entry: CardReview = {
      reviewId: r.id,
      conversationId: r.conversationId,
      openedAt: conv?.openedAt ?? 0,
      phase: conv?.phase ?? null,
      score: r.score,
      goodExample: r.goodExample,
      comment: r.comment,
      items: reviewed,
      scorecard: card,
      praiseQuote: r.goodExample ? bestReply(list, r.agentId) : null,
    };
    byAgent.set(r.agentId, [...(byAgent.get(r.agentId) ?? []), entry]);
  }
  return { byAgent, items };
}

/** Cards of these agents in the 90 days before `date` and any after it: trend, repeats, flag history. */
export async function nearbyCards(db: Db, storeId: string, date: string, agentIds: string[]) {
  return inChunks(agentIds, (chunk) =>
    db
      .select({ agentId: coachingCards.agentId, date: coachingCards.date, averageScore: coachingCards.averageScore, feedbackItems: coachingCards.feedbackItems, critical: coachingCards.critical, reviewCount: coachingCards.reviewCount })
      .from(coachingCards)
      .where(and(eq(coachingCards.storeId, storeId), inArray(coachingCards.agentId, chunk), gte(coachingCards.date, addDays(date, -90)), lte(coachingCards.date, addDays(date, 60)))),
  );
}
