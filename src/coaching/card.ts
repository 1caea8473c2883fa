import { COLLEAGUE, hasCjk, redactColleagues, redactNames } from './redact';
import { suggestionFor } from './suggestions';
import type { CardContent, CardImprovement, CardInput, CardPraise, CardReview, CoachingItem, Quote, QuoteSource, ReviewedItem, Trend } from './types';
import { ALL_PRAISE, closeText, improvementText, praiseBestItem, praiseEffort, praiseGoodExample } from './wording';

/** A difference under one point is "steady": scores are whole numbers per review. */
const FLAT_BAND = 1;

const round1 = (n: number) => Math.round(n * 10) / 10;

export function trendOf(average: number, previous: number | null): Trend {
  if (previous === null) return 'first';
  if (average - previous >= FLAT_BAND) return 'up';
  if (previous - average >= FLAT_BAND) return 'down';
  return 'flat';
}

/** An item is an improvement when it failed or lost points (a deduction always carries a comment). */
export function isDeduction(given: Pick<ReviewedItem, 'outcome' | 'points'>, item: Pick<CoachingItem, 'maxPoints'> | undefined): boolean {
  if (given.outcome === 'fail') return true;
  return given.outcome === 'pass' && given.points !== undefined && item !== undefined && given.points < item.maxPoints;
}

function quoteOf(source: QuoteSource | null, otherNames: string[]): Quote | null {
  if (!source) return null;
  const text = redactColleagues(source.text, otherNames);
  return { messageId: source.messageId, text, sentAt: new Date(source.sentAt).toISOString(), fromCustomer: source.fromCustomer, span: text === source.text ? source.span : null };
}

/** Praise first: a conversation a reviewer marked as a good example, else the best item passed every time. */
function choosePraise(reviews: CardReview[], otherNames: string[]): CardPraise {
  const examples = reviews.filter((r) => r.goodExample).sort((a, b) => b.score - a.score);
  const example = examples[0];
  if (example) {
    const quote = quoteOf(example.praiseQuote, otherNames);
    return { kind: 'good_example', itemId: null, itemName: null, reviewId: example.reviewId, conversationId: example.conversationId, quote, text: praiseGoodExample(example.score) };
  }
  const tally = new Map<string, { item: CoachingItem; passed: number; failed: boolean; order: number }>();
  for (const r of reviews) {
    const order = [...r.scorecard.keys()];
    for (const given of r.items) {
      const item = r.scorecard.get(given.itemId);
      if (!item || given.outcome === 'na') continue;
      const t = tally.get(item.id) ?? { item, passed: 0, failed: false, order: order.indexOf(item.id) };
      if (isDeduction(given, item)) t.failed = true;
      else t.passed++;
      tally.set(item.id, t);
    }
  }
  const best = [...tally.values()]
    .filter((t) => !t.failed && t.passed > 0)
    // Passed most often, then the heaviest, then the first on the scorecard.
    .sort((a, b) => b.passed - a.passed || b.item.weight * b.item.maxPoints - a.item.weight * a.item.maxPoints || a.order - b.order)[0];
  if (best) return { kind: 'best_item', itemId: best.item.id, itemName: best.item.name, reviewId: null, conversationId: null, quote: null, text: praiseBestItem(best.item.name, best.passed) };
  const top = [...reviews].sort((a, b) => b.score - a.score)[0]!;
  return { kind: 'effort', itemId: null, itemName: null, reviewId: null, conversationId: null, quote: null, text: praiseEffort(top.score) };
}

function improvementsOf(reviews: CardReview[], input: CardInput): CardImprovement[] {
  const out: CardImprovement[] = [];
  for (const r of reviews) {
    const given = new Map(r.items.map((i) => [i.itemId, i]));
    // Scorecard order within a conversation, conversations in the day's order.
    for (const item of r.scorecard.values()) {
      const g = given.get(item.id);
      if (!g || !isDeduction(g, item)) continue;
      const quote = quoteOf(g.quote, input.otherNames);
      const rawComment = g.comment?.trim() || null;
      const comment = rawComment === null ? null : { 'zh-CN': redactNames(rawComment, input.otherNames, COLLEAGUE['zh-CN']), en: redactNames(rawComment, input.otherNames, COLLEAGUE.en) };
      const suggestion = suggestionFor(item, input.suggestions);
      const repeat = input.earlierFeedback.has(item.id);
      const words = { item: item.name, quote: quote?.text ?? null, fromCustomer: quote?.fromCustomer ?? false, suggestion, repeat };
      const zh = improvementText({ ...words, comment: comment?.['zh-CN'] ?? null });
      const en = improvementText({ ...words, comment: comment?.en ?? null });
      out.push({
        key: `${r.reviewId}:${item.id}`,
        reviewId: r.reviewId,
        conversationId: r.conversationId,
        itemId: item.id,
        itemName: item.name,
        quote,
        reviewerComment: comment === null ? null : hasCjk(rawComment!) ? comment['zh-CN'] : comment.en,
        suggestion,
        text: { 'zh-CN': zh['zh-CN'], en: en.en },
        repeat,
      });
    }
  }
  return byItem(out);
}

/**
 * One item failed in several conversations is one thing to work on: its occurrences are put together
 * (in the day's order), items in the order they first appear, so the card reads as a short list of
 * behaviours and the widget can give the better way once.
 */
function byItem(improvements: CardImprovement[]): CardImprovement[] {
  const groups = new Map<string, CardImprovement[]>();
  for (const i of improvements) {
    const group = groups.get(i.itemId);
    if (group) group.push(i);
    else groups.set(i.itemId, [i]);
  }
  return [...groups.values()].flat();
}

/** How many items a card asks the agent to work on (an item failed twice is one point). */
export const itemsToWorkOn = (improvements: readonly { itemId: string }[]) => new Set(improvements.map((i) => i.itemId)).size;

/**
 * One agent's coaching card for one day (SPEC §2 step 5): what went well, then each improvement as
 * fact (the quoted message), item and a better way, then an encouraging close with the trend. Needs at
 * least one review: an agent without reviews gets no card.
 */
export function buildCard(input: CardInput): CardContent {
  if (!input.reviews.length) throw new Error('A card needs at least one submitted review');
  const reviews = [...input.reviews].sort((a, b) => a.openedAt - b.openedAt || (a.reviewId < b.reviewId ? -1 : 1));
  const average = round1(reviews.reduce((s, r) => s + r.score, 0) / reviews.length);
  const previousAverage = input.previous?.average ?? null;
  const trend = trendOf(average, previousAverage);
  const improvements = improvementsOf(reviews, input);
  const praise = choosePraise(reviews, input.otherNames);
  const allPraise = improvements.length === 0;
  const close = closeText(average, previousAverage, trend, itemsToWorkOn(improvements));
  return {
    summary: { reviews: reviews.length, averageScore: average, previousAverage, previousDate: input.previous?.date ?? null, trend },
    praise: allPraise ? { ...praise, text: { 'zh-CN': `${praise.text['zh-CN']}${ALL_PRAISE['zh-CN']}`, en: `${praise.text.en} ${ALL_PRAISE.en}` } } : praise,
    improvements,
    allPraise,
    close: { text: close },
  };
}

/**
 * A card after an accepted dispute re-scored one of its reviews (SPEC §7): the day's average, its trend and
 * the close follow the scores as they now stand, and the close counts only the items still standing.
 * The improvements stay on the card: the accepted one shows its dispute's outcome in place.
 */
export function rescoredCard(content: CardContent, scores: number[], standingItems: number): CardContent {
  if (!scores.length) return content;
  const average = round1(scores.reduce((s, n) => s + n, 0) / scores.length);
  const { previousAverage } = content.summary;
  const trend = trendOf(average, previousAverage);
  return {
    ...content,
    summary: { ...content.summary, reviews: scores.length, averageScore: average, trend },
    close: { text: closeText(average, previousAverage, trend, standingItems) },
  };
}

/** The item ids a card gave feedback on: a later failure of one of them is a repeat error. */
export const feedbackItems = (content: CardContent) => [...new Set(content.improvements.map((i) => i.itemId))];
