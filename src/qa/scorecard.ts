import { z } from 'zod';
import { RULE_IDS, RULE_INDEX, type Outcome } from './types';

/** A scorecard definition (SPEC §3). Versions are rows in the database; this is one version's content. */
const localized = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
const ruleId = z.enum(RULE_IDS);

export const scorecardItemSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, 'lower-case letters, digits and _'),
  name: localized,
  description: localized,
  maxPoints: z.number().int().positive().max(100),
  /** The AutoQA rule(s) that decide the item; null = manual, decided by the reviewer. */
  auto: z.union([ruleId, z.array(ruleId).min(1)]).nullable(),
  critical: z.boolean().default(false),
});
export const scorecardSchema = z
  .object({
    phase: z.enum(['pre_sales', 'after_sales']),
    /** A critical failure zeroes the conversation (default) or only its category. */
    criticalMode: z.enum(['conversation', 'category']).default('conversation'),
    categories: z
      .array(z.object({ id: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/), name: localized, weight: z.number().positive().max(100), items: z.array(scorecardItemSchema).min(1) }))
      .min(1),
  })
  .superRefine((card, ctx) => {
    const total = card.categories.reduce((s, c) => s + c.weight, 0);
    if (Math.abs(total - 100) > 1e-9) ctx.addIssue({ code: 'custom', message: `category weights must sum to 100 (they sum to ${total})`, path: ['categories'] });
    const seen = new Set<string>();
    card.categories.forEach((c, ci) => {
      c.items.forEach((item, ii) => {
        if (seen.has(item.id)) ctx.addIssue({ code: 'custom', message: `item id ${item.id} is used twice`, path: ['categories', ci, 'items', ii, 'id'] });
        seen.add(item.id);
      });
    });
  });
export type Scorecard = z.infer<typeof scorecardSchema>;
export type ScorecardItem = z.infer<typeof scorecardItemSchema>;

/** One item's result: an outcome, or points awarded (a reviewer may give partial credit). */
export interface ItemResult {
  itemId: string;
  outcome: Outcome;
  points?: number;
}

const itemsCache = new WeakMap<Scorecard, ScorecardItem[]>();

export function allItems(card: Scorecard): ScorecardItem[] {
  let items = itemsCache.get(card);
  if (!items) itemsCache.set(card, (items = card.categories.flatMap((c) => c.items)));
  return items;
}

/** An item's result (an outcome alone means full or no points), or none: a manual item AutoQA leaves to the reviewer. */
type Result = Pick<ItemResult, 'outcome' | 'points'> | Outcome | null | undefined;

/**
 * Score = Σ category weight × earned / possible, on 0–100. Items not applicable (or without a result)
 * leave both sides; a category with nothing applicable leaves the sum and the rest are reweighted.
 * A failed critical item zeroes the conversation, or its category in `category` mode.
 */
export function scoreConversation(card: Scorecard, results: ItemResult[]): { score: number; critical: boolean } {
  const byId = new Map<string, ItemResult>();
  for (const r of results) byId.set(r.itemId, r);
  return scoreInOrder(card, allItems(card).map((item) => byId.get(item.id)));
}

/** The same, with results given in the order of allItems(card). */
export function scoreInOrder(card: Scorecard, results: Result[]): { score: number; critical: boolean } {
  let weighted = 0;
  let weights = 0;
  let criticalFailed = false;
  let i = 0;
  for (const category of card.categories) {
    let earned = 0;
    let possible = 0;
    let categoryCritical = false;
    for (const item of category.items) {
      const r = results[i++];
      const outcome = typeof r === 'string' ? r : r?.outcome;
      if (!outcome || outcome === 'na') continue;
      possible += item.maxPoints;
      const points = (typeof r === 'object' ? r?.points : undefined) ?? (outcome === 'pass' ? item.maxPoints : 0);
      earned += Math.max(0, Math.min(item.maxPoints, points));
      if (item.critical && outcome === 'fail') categoryCritical = true;
    }
    if (!possible) continue;
    criticalFailed ||= categoryCritical;
    weights += category.weight;
    weighted += category.weight * (categoryCritical && card.criticalMode === 'category' ? 0 : earned / possible);
  }
  if (criticalFailed && card.criticalMode === 'conversation') return { score: 0, critical: true };
  return { score: weights ? Math.round((weighted / weights) * 100 * 10) / 10 : 100, critical: criticalFailed };
}

/** An item's auto outcome as AutoQA reports it; frozen, as one object per item and outcome is shared by every conversation. */
export type AutoItem = Readonly<{ itemId: string; outcome: Outcome | null }>;

/** What auto-scoring needs of a card, worked out once per card: per item of allItems(card), in order. */
interface AutoPlan {
  /** The indexes of the item's rules' hits (RULE_IDS order), or null for a manual item. */
  rules: (number[] | null)[];
  /** The item's result for each outcome, and for none (`manual`): a list per outcome, indexed like `rules`. */
  pass: AutoItem[];
  fail: AutoItem[];
  na: AutoItem[];
  manual: AutoItem[];
  /** Per item, its points and whether it is critical; per category, its weight and the index its items end at. */
  points: number[];
  critical: boolean[];
  weights: number[];
  ends: number[];
  /** autoScore's results by the rules' outcomes (outcomesKey), frozen: a store's chats share a few dozen. */
  scored: Map<number, AutoScore>;
}

/** AutoQA's score of one conversation against a card: shared between conversations with the same outcomes. */
export type AutoScore = Readonly<{ score: number; critical: boolean; items: readonly AutoItem[] }>;

const plans = new WeakMap<Scorecard, AutoPlan>();
let lastCard: Scorecard | undefined;
let lastPlan: AutoPlan | undefined;

function planOf(card: Scorecard): AutoPlan {
  // A store scores its chats against the same two cards: the last one asked is usually the next.
  if (card === lastCard && lastPlan) return lastPlan;
  let plan = plans.get(card);
  if (!plan) {
    const items = allItems(card);
    const results = (outcome: Outcome | null) => items.map(({ id }): AutoItem => Object.freeze({ itemId: id, outcome }));
    plan = {
      rules: items.map((item) => (item.auto ? (Array.isArray(item.auto) ? item.auto : [item.auto]).map((r) => RULE_INDEX[r]) : null)),
      pass: results('pass'),
      fail: results('fail'),
      na: results('na'),
      manual: results(null),
      points: items.map((item) => item.maxPoints),
      critical: items.map((item) => item.critical),
      weights: card.categories.map((c) => c.weight),
      ends: card.categories.map((_, c) => card.categories.slice(0, c + 1).reduce((n, k) => n + k.items.length, 0)),
      scored: new Map(),
    };
    plans.set(card, plan);
  }
  lastCard = card;
  lastPlan = plan;
  return plan;
}

/** An auto item's outcome from its rules' hits: any fail fails, else any pass passes, else not applicable. */
function autoOutcome(indexes: number[], hits: { outcome: Outcome }[]): Outcome {
  let outcome: Outcome = 'na';
  for (let i = 0; i < indexes.length; i++) {
    const o = hits[indexes[i]!]!.outcome;
    if (o === 'fail') return 'fail';
    if (o === 'pass') outcome = 'pass';
  }
  return outcome;
}

/**
 * Up to this many results kept per card (~250 B each, ~256 KB at most): past it the oldest half is
 * forgotten. A store's chats fall into far fewer patterns.
 */
const SCORED_KEPT = 1024;
/** A key for more rules than this would pass 2^53, past which numbers are no longer exact. */
const KEYED_RULES = 32;

/**
 * Every rule's outcome as one number, a base-3 digit each (0 not applicable, 1 pass, 2 fail) after a
 * leading 1, so that lists of different lengths never share a key.
 */
function outcomesKey(hits: { outcome: Outcome }[]): number {
  let key = 1;
  for (let i = 0; i < hits.length; i++) {
    const o = hits[i]!.outcome;
    key = key * 3 + (o === 'pass' ? 1 : o === 'fail' ? 2 : 0);
  }
  return key;
}

/**
 * AutoQA's part of a review: each item's outcome from the rules' hits (null for manual items and for
 * those in `manual`, which the store left to the reviewer) and the score over them.
 *
 * A pure function of the card and the rules' outcomes, and a store's chats fall into a few dozen patterns
 * of outcomes (the bench's 600 into 108): the result is kept per card by pattern, frozen and shared.
 * Cards are kept per version (services/scorecards.ts), so the results outlive one job's batch.
 */
export function autoScore(card: Scorecard, hits: { outcome: Outcome }[], manual?: readonly string[]): AutoScore {
  const plan = planOf(card);
  if ((manual !== undefined && manual.length > 0) || hits.length > KEYED_RULES) return scoreByPlan(card, plan, hits, manual);
  const key = outcomesKey(hits);
  const known = plan.scored.get(key);
  if (known) return known;
  const scored = scoreByPlan(card, plan, hits);
  Object.freeze(scored.items);
  if (plan.scored.size >= SCORED_KEPT) for (const old of [...plan.scored.keys()].slice(0, SCORED_KEPT / 2)) plan.scored.delete(old);
  plan.scored.set(key, Object.freeze(scored));
  return scored;
}

/**
 * The score as scoreInOrder gives it for outcomes alone (full points or none), in the same order of
 * sums: worked out in the same loop from the card's plan rather than handed to scoreInOrder.
 */
function scoreByPlan(card: Scorecard, plan: AutoPlan, hits: { outcome: Outcome }[], manual?: readonly string[]): { score: number; critical: boolean; items: AutoItem[] } {
  const { rules, points, critical, weights, ends } = plan;
  const items = new Array<AutoItem>(rules.length);
  const anyManual = manual !== undefined && manual.length > 0;
  let weighted = 0;
  let weightSum = 0;
  let criticalFailed = false;
  let i = 0;
  for (let c = 0; c < weights.length; c++) {
    let earned = 0;
    let possible = 0;
    let categoryCritical = false;
    for (const end = ends[c]!; i < end; i++) {
      const indexes = rules[i];
      const outcome = indexes && !(anyManual && manual.includes(plan.manual[i]!.itemId)) ? autoOutcome(indexes, hits) : null;
      // Named reads, not plan[outcome]: a read keyed by four different names is a megamorphic lookup.
      items[i] = (outcome === 'pass' ? plan.pass : outcome === 'fail' ? plan.fail : outcome === 'na' ? plan.na : plan.manual)[i]!;
      if (!outcome || outcome === 'na') continue;
      possible += points[i]!;
      if (outcome === 'pass') earned += points[i]!;
      else if (critical[i]) categoryCritical = true;
    }
    if (!possible) continue;
    criticalFailed ||= categoryCritical;
    weightSum += weights[c]!;
    weighted += weights[c]! * (categoryCritical && card.criticalMode === 'category' ? 0 : earned / possible);
  }
  if (criticalFailed && card.criticalMode === 'conversation') return { score: 0, critical: true, items };
  return { score: weightSum ? Math.round((weighted / weightSum) * 100 * 10) / 10 : 100, critical: criticalFailed, items };
}
