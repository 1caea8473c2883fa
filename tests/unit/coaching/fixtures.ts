import { coachingItems } from '../../../src/coaching/items';
import type { CardInput, CardReview, QuoteSource, ReviewedItem } from '../../../src/coaching/types';
import { DEFAULT_SCORECARDS } from '../../../src/qa/templates';

export const PRE_SALES = coachingItems(DEFAULT_SCORECARDS.pre_sales);
const T0 = Date.UTC(2026, 10, 21, 2, 0);

export const quote = (id: string, text: string, fromCustomer = false): QuoteSource => ({ messageId: id, text, sentAt: T0, fromCustomer, span: null });

/** A submitted review: every item passes unless `given` says otherwise. */
export function review(id: string, score: number, given: Record<string, Partial<ReviewedItem>> = {}, extra: Partial<CardReview> = {}): CardReview {
  const items: ReviewedItem[] = [...PRE_SALES.values()].map((item) => ({ itemId: item.id, outcome: 'pass', quote: null, ...given[item.id] }));
  return { reviewId: id, conversationId: `cv-${id}`, openedAt: T0 + Number(id.replace(/\D/g, '') || 0) * 60_000, phase: 'pre_sales', score, goodExample: false, comment: null, items, scorecard: PRE_SALES, praiseQuote: null, ...extra };
}

export function input(reviews: CardReview[], extra: Partial<CardInput> = {}): CardInput {
  return { agentName: '小美', date: '2026-11-21', reviews, previous: null, earlierFeedback: new Set(), otherNames: ['王强', 'Olivia Chen'], suggestions: {}, ...extra };
}
