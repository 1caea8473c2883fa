/**
 * Dashboard figures from rollup rows (src/db/schema/reports.ts): plain data in, plain data out, so each
 * figure can be checked against a history worked out by hand (tests/unit/reports/figures.test.ts).
 */

/** One agent's sums over a period (an agent_period_stats row). */
export interface AgentSums {
  agentId: string;
  activeDays: number;
  atQuotaDays: number;
  reviewed: number;
  scoreSum: number;
  passed: number;
  repeatChecks: number;
  repeats: number;
  disputesOpened: number;
  disputesAccepted: number;
}

export interface Figures {
  reviewed: number;
  /** Mean review score, one decimal; null without reviews. */
  averageScore: number | null;
  /** Share of reviews at or above the pass mark, 0–1; null without reviews. */
  passRate: number | null;
  /** Agent-days sampled at quota against agent-days active (for one day: agents). */
  coverage: { active: number; atQuota: number; rate: number | null };
  /** Items failed again after feedback on them, of those checked (docs/coaching-api.md); null with no checks. */
  repeatErrorRate: number | null;
  disputes: { opened: number; accepted: number };
}

/** Current minus previous, per figure; null where either side has none. */
export interface Trend {
  /** Null when the period before had no chats at all (the store or agent was not yet working). */
  reviewed: number | null;
  averageScore: number | null;
  passRate: number | null;
  coverageRate: number | null;
  repeatErrorRate: number | null;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const ratio = (a: number, b: number, digits = 3) => (b ? round(a / b, digits) : null);

export const EMPTY_SUMS: Omit<AgentSums, 'agentId'> = { activeDays: 0, atQuotaDays: 0, reviewed: 0, scoreSum: 0, passed: 0, repeatChecks: 0, repeats: 0, disputesOpened: 0, disputesAccepted: 0 };

export function addSums(rows: Omit<AgentSums, 'agentId'>[]): Omit<AgentSums, 'agentId'> {
  const out = { ...EMPTY_SUMS };
  for (const r of rows) {
    out.activeDays += r.activeDays;
    out.atQuotaDays += r.atQuotaDays;
    out.reviewed += r.reviewed;
    out.scoreSum += r.scoreSum;
    out.passed += r.passed;
    out.repeatChecks += r.repeatChecks;
    out.repeats += r.repeats;
    out.disputesOpened += r.disputesOpened;
    out.disputesAccepted += r.disputesAccepted;
  }
  return out;
}

export function figuresOf(s: Omit<AgentSums, 'agentId'>): Figures {
  return {
    reviewed: s.reviewed,
    averageScore: s.reviewed ? round(s.scoreSum / s.reviewed, 1) : null,
    passRate: ratio(s.passed, s.reviewed),
    coverage: { active: s.activeDays, atQuota: s.atQuotaDays, rate: ratio(s.atQuotaDays, s.activeDays) },
    repeatErrorRate: ratio(s.repeats, s.repeatChecks),
    disputes: { opened: s.disputesOpened, accepted: s.disputesAccepted },
  };
}

const delta = (a: number | null, b: number | null, digits: number) => (a === null || b === null ? null : round(a - b, digits));

export function trendOf(current: Figures, previous: Figures): Trend {
  return {
    // "Up 1,384" against a month the store was not yet working would read as growth.
    reviewed: previous.coverage.active ? current.reviewed - previous.reviewed : null,
    averageScore: delta(current.averageScore, previous.averageScore, 1),
    passRate: delta(current.passRate, previous.passRate, 3),
    coverageRate: delta(current.coverage.rate, previous.coverage.rate, 3),
    repeatErrorRate: delta(current.repeatErrorRate, previous.repeatErrorRate, 3),
  };
}

export interface ItemSums {
  itemId: string;
  applicable: number;
  failed: number;
}

export interface FailedItem {
  itemId: string;
  failed: number;
  applicable: number;
  failRate: number | null;
  /** Change of the fail rate against the previous period. */
  failRateTrend: number | null;
}

/** Items with failures, most failures first (then the higher rate, then id): the top `limit`. */
export function topFailedItems(current: ItemSums[], previous: ItemSums[], limit = 10): FailedItem[] {
  const before = new Map(previous.map((p) => [p.itemId, p]));
  return current
    .filter((i) => i.failed > 0)
    .map((i) => {
      const failRate = ratio(i.failed, i.applicable);
      const prev = before.get(i.itemId);
      return { itemId: i.itemId, failed: i.failed, applicable: i.applicable, failRate, failRateTrend: delta(failRate, prev ? ratio(prev.failed, prev.applicable) : null, 3) };
    })
    .sort((a, b) => b.failed - a.failed || (b.failRate ?? 0) - (a.failRate ?? 0) || (a.itemId < b.itemId ? -1 : 1))
    .slice(0, limit);
}

export interface HeatCell {
  agentId: string;
  itemId: string;
  failed: number;
  applicable: number;
}

/** Agent × item failures for the given items; agents with the most failures first. */
export function heatMap(cells: HeatCell[], items: string[]) {
  const wanted = new Set(items);
  const kept = cells.filter((c) => wanted.has(c.itemId) && c.failed > 0);
  const perAgent = new Map<string, number>();
  for (const c of kept) perAgent.set(c.agentId, (perAgent.get(c.agentId) ?? 0) + c.failed);
  const agents = [...perAgent.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  return { items, agents, cells: kept.sort((a, b) => (a.agentId + a.itemId < b.agentId + b.itemId ? -1 : 1)) };
}

export interface ReviewerSums {
  reviewerId: string;
  pairs: number;
  scoreDiffSum: number;
  itemsSame: number;
  itemsTotal: number;
}

/** Agreement per reviewer, and overall (each pair is in two reviewers' sums, so halved for the count). */
export function calibrationFigures(rows: ReviewerSums[]) {
  const reviewers = rows
    .filter((r) => r.pairs > 0)
    .map((r) => ({ reviewerId: r.reviewerId, pairs: r.pairs, meanScoreDiff: round(r.scoreDiffSum / r.pairs, 1), itemAgreement: ratio(r.itemsSame, r.itemsTotal) }))
    .sort((a, b) => (a.reviewerId < b.reviewerId ? -1 : 1));
  const total = rows.reduce((t, r) => ({ pairs: t.pairs + r.pairs, diff: t.diff + r.scoreDiffSum, same: t.same + r.itemsSame, items: t.items + r.itemsTotal }), { pairs: 0, diff: 0, same: 0, items: 0 });
  return {
    pairs: total.pairs / 2,
    meanScoreDiff: total.pairs ? round(total.diff / total.pairs, 1) : null,
    itemAgreement: ratio(total.same, total.items),
    reviewers,
  };
}

/**
 * The reviews a service star needs over `days`: the store's bar for a month scaled to 30 days a month, at
 * least one, and never more than the month's own bar (a 31-day month asks what any month asks).
 */
export function starsBar(minReviewsPerMonth: number, days: number): number {
  return Math.min(minReviewsPerMonth, Math.max(1, Math.ceil((minReviewsPerMonth * days) / 30)));
}

/**
 * Service stars (SPEC §2.7): the best average scores of the period among agents with enough reviews.
 * `minReviews` is the store's bar for a month, scaled to the period's length (at least one review).
 */
export function serviceStars(agents: { agentId: string; reviewed: number; averageScore: number | null }[], minReviewsPerMonth: number, periodDays: number, limit = 3) {
  const bar = starsBar(minReviewsPerMonth, periodDays);
  const stars = agents
    .filter((a) => a.averageScore !== null && a.reviewed >= bar)
    .sort((a, b) => b.averageScore! - a.averageScore! || b.reviewed - a.reviewed || (a.agentId < b.agentId ? -1 : 1))
    .slice(0, limit)
    .map((a) => ({ agentId: a.agentId, averageScore: a.averageScore!, reviewed: a.reviewed }));
  return { minReviews: bar, stars };
}

export interface EffectSums {
  itemId: string;
  agents: number;
  beforeChecks: number;
  beforeFailures: number;
  afterChecks: number;
  afterFailures: number;
}

/**
 * Coaching effectiveness (docs/coaching-api.md): per item, the failure rate of coached agents in the
 * window before their card against the window after, and the change; the same over all items.
 */
export function effectiveness(rows: EffectSums[], limit = 10) {
  const one = (r: Omit<EffectSums, 'itemId'>) => {
    const before = ratio(r.beforeFailures, r.beforeChecks);
    const after = ratio(r.afterFailures, r.afterChecks);
    return {
      agents: r.agents,
      before: { checks: r.beforeChecks, failures: r.beforeFailures, rate: before },
      after: { checks: r.afterChecks, failures: r.afterFailures, rate: after },
      change: delta(after, before, 3),
    };
  };
  const total = rows.reduce(
    (t, r) => ({ agents: t.agents + r.agents, beforeChecks: t.beforeChecks + r.beforeChecks, beforeFailures: t.beforeFailures + r.beforeFailures, afterChecks: t.afterChecks + r.afterChecks, afterFailures: t.afterFailures + r.afterFailures }),
    { agents: 0, beforeChecks: 0, beforeFailures: 0, afterChecks: 0, afterFailures: 0 },
  );
  const items = [...rows].sort((a, b) => b.agents - a.agents || (a.itemId < b.itemId ? -1 : 1)).slice(0, limit).map((r) => ({ itemId: r.itemId, ...one(r) }));
  return { ...one(total), items };
}
