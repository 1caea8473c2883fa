import { addDays } from '../lib/time';

/**
 * Follow-up figures (SPEC §2 step 7), from plain review and card facts. A review's item counts as
 * failed when it failed or lost points; `na` items are not checks.
 */
export interface ReviewFact {
  agentId: string;
  date: string;
  score: number;
  /** itemId → outcome after disputes: 'fail' includes partial deductions. */
  items: Record<string, 'pass' | 'fail' | 'na'>;
}

/** A card's feedback: the items it asked the agent to improve. */
export interface FeedbackFact {
  agentId: string;
  date: string;
  items: string[];
}

export interface Rate {
  checks: number;
  repeats: number;
  rate: number | null;
}

const rate = (checks: number, hits: number) => (checks ? Math.round((hits / checks) * 1000) / 1000 : null);

/** agentId → itemId → the earliest card date with feedback on that item. */
function firstFeedback(cards: FeedbackFact[]) {
  const out = new Map<string, Map<string, string>>();
  for (const c of cards) {
    const byItem = out.get(c.agentId) ?? new Map<string, string>();
    for (const item of c.items) if (!byItem.has(item) || byItem.get(item)! > c.date) byItem.set(item, c.date);
    out.set(c.agentId, byItem);
  }
  return out;
}

/**
 * Repeat errors: a check is a review of an item the agent had feedback on, on a card of an earlier day;
 * a repeat is a check where the item failed again. Rates by agent, by item, and by both.
 */
export function repeatErrors(reviews: ReviewFact[], cards: FeedbackFact[]) {
  const first = firstFeedback(cards);
  const acc = (m: Map<string, { checks: number; repeats: number }>, key: string, failed: boolean) => {
    const a = m.get(key) ?? { checks: 0, repeats: 0 };
    a.checks++;
    if (failed) a.repeats++;
    m.set(key, a);
  };
  const byAgent = new Map<string, { checks: number; repeats: number }>();
  const byItem = new Map<string, { checks: number; repeats: number }>();
  const byPair = new Map<string, { checks: number; repeats: number }>();
  let checks = 0;
  let repeats = 0;
  for (const r of reviews) {
    const coached = first.get(r.agentId);
    if (!coached) continue;
    for (const [itemId, outcome] of Object.entries(r.items)) {
      const since = coached.get(itemId);
      if (!since || since >= r.date || outcome === 'na') continue;
      const failed = outcome === 'fail';
      checks++;
      if (failed) repeats++;
      acc(byAgent, r.agentId, failed);
      acc(byItem, itemId, failed);
      acc(byPair, `${r.agentId}|${itemId}`, failed);
    }
  }
  const view = (m: Map<string, { checks: number; repeats: number }>) =>
    [...m.entries()].map(([key, a]) => ({ key, checks: a.checks, repeats: a.repeats, rate: rate(a.checks, a.repeats) })).sort((a, b) => b.repeats - a.repeats || (a.key < b.key ? -1 : 1));
  return { total: { checks, repeats, rate: rate(checks, repeats) } satisfies Rate, byAgent: view(byAgent), byItem: view(byItem), byAgentItem: view(byPair) };
}

export interface Effect {
  itemId: string;
  agents: number;
  before: { checks: number; failures: number; rate: number | null };
  after: { checks: number; failures: number; rate: number | null };
  change: number | null;
}

/**
 * Coaching effectiveness per item: for each agent's first card in [from, to] with feedback on the item
 * (card day C), the item's failure rate in the agent's reviews of [C − window, C] against (C, C + window].
 */
export function coachingEffectiveness(reviews: ReviewFact[], cards: FeedbackFact[], from: string, to: string, window: number): Effect[] {
  const inRange = cards.filter((c) => c.date >= from && c.date <= to);
  const first = firstFeedback(inRange);
  const byAgent = new Map<string, ReviewFact[]>();
  for (const r of reviews) byAgent.set(r.agentId, [...(byAgent.get(r.agentId) ?? []), r]);
  const acc = new Map<string, { agents: number; bc: number; bf: number; ac: number; af: number }>();
  for (const [agentId, items] of first) {
    for (const [itemId, c] of items) {
      const a = acc.get(itemId) ?? { agents: 0, bc: 0, bf: 0, ac: 0, af: 0 };
      a.agents++;
      for (const r of byAgent.get(agentId) ?? []) {
        const outcome = r.items[itemId];
        if (!outcome || outcome === 'na') continue;
        if (r.date >= addDays(c, -window) && r.date <= c) {
          a.bc++;
          if (outcome === 'fail') a.bf++;
        } else if (r.date > c && r.date <= addDays(c, window)) {
          a.ac++;
          if (outcome === 'fail') a.af++;
        }
      }
      acc.set(itemId, a);
    }
  }
  return [...acc.entries()]
    .map(([itemId, a]) => {
      const before = { checks: a.bc, failures: a.bf, rate: rate(a.bc, a.bf) };
      const after = { checks: a.ac, failures: a.af, rate: rate(a.ac, a.af) };
      const change = before.rate !== null && after.rate !== null ? Math.round((after.rate - before.rate) * 1000) / 1000 : null;
      return { itemId, agents: a.agents, before, after, change };
    })
    .sort((a, b) => b.agents - a.agents || (a.itemId < b.itemId ? -1 : 1));
}

/** Service stars of a month: agents with at least `minReviews` reviews, highest average first. */
export function serviceStars(reviews: Pick<ReviewFact, 'agentId' | 'score'>[], minReviews: number, limit: number, nameOf: (id: string) => string) {
  const acc = new Map<string, { sum: number; n: number }>();
  for (const r of reviews) {
    const a = acc.get(r.agentId) ?? { sum: 0, n: 0 };
    a.sum += r.score;
    a.n++;
    acc.set(r.agentId, a);
  }
  return [...acc.entries()]
    .filter(([, a]) => a.n >= minReviews)
    .map(([agentId, a]) => ({ agentId, average: Math.round((a.sum / a.n) * 10) / 10, reviews: a.n }))
    .sort((a, b) => b.average - a.average || b.reviews - a.reviews || nameOf(a.agentId).localeCompare(nameOf(b.agentId)))
    .slice(0, limit)
    .map((s, i) => ({ rank: i + 1, ...s }));
}
