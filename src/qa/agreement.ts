import type { Outcome } from './types';

/**
 * Agreement between AutoQA and reviewers, per scorecard item: how often reviewers keep the outcome
 * AutoQA pre-filled, and where they override it. Plain data in and out; the service does the I/O.
 */

/** One reviewed item AutoQA had judged: its outcome and the reviewer's. */
export interface AgreementPair {
  itemId: string;
  auto: Outcome;
  reviewer: Outcome;
}

/**
 * The pairs of one submission: every item AutoQA judged (an outcome, not null) that the reviewer
 * scored. Items AutoQA left to review have nothing to agree with and are left out.
 */
export function agreementPairs(auto: readonly { itemId: string; outcome: Outcome | null }[], reviewer: readonly { itemId: string; outcome: Outcome }[]): AgreementPair[] {
  const given = new Map(reviewer.map((r) => [r.itemId, r.outcome]));
  const pairs: AgreementPair[] = [];
  for (const a of auto) {
    const r = given.get(a.itemId);
    if (a.outcome && r) pairs.push({ itemId: a.itemId, auto: a.outcome, reviewer: r });
  }
  return pairs;
}

export interface ItemCounts {
  itemId: string;
  judged: number;
  kept: number;
}

export interface Override {
  itemId: string;
  conversationId: string;
  reviewId: string;
  auto: Outcome;
  reviewer: Outcome;
  submittedAt: number;
}

export interface ItemAgreement {
  itemId: string;
  name: { 'zh-CN': string; en: string } | null;
  /** Reviews in the period in which AutoQA had judged the item. */
  judged: number;
  kept: number;
  /** kept / judged, or null when nothing was judged. */
  keptShare: number | null;
  overridden: number;
  /** Whether the store has switched the item's auto judgement off (it is left to review). */
  autoOff: boolean;
  /** The most recent overrides, newest first (at most `perItem`). */
  overrides: Override[];
}

/**
 * Per item: counts and the latest overrides. Items come in the order given (the scorecard's), then any
 * other item that has figures (one since removed from the scorecard), by id.
 */
export function agreementByItem(
  items: readonly { id: string; name: ItemAgreement['name'] }[],
  counts: readonly ItemCounts[],
  overrides: readonly Override[],
  autoOff: readonly string[],
  perItem = 20,
): ItemAgreement[] {
  const byId = new Map(counts.map((c) => [c.itemId, c]));
  const order = [...items];
  const named = new Set(items.map((i) => i.id));
  for (const c of [...counts].sort((a, b) => a.itemId.localeCompare(b.itemId))) if (!named.has(c.itemId)) order.push({ id: c.itemId, name: null });
  const latest = [...overrides].sort((a, b) => b.submittedAt - a.submittedAt || a.reviewId.localeCompare(b.reviewId));
  return order.map(({ id, name }) => {
    const c = byId.get(id);
    const judged = c?.judged ?? 0;
    const kept = c?.kept ?? 0;
    return {
      itemId: id,
      name,
      judged,
      kept,
      keptShare: judged ? Math.round((kept / judged) * 1000) / 1000 : null,
      overridden: judged - kept,
      autoOff: autoOff.includes(id),
      overrides: latest.filter((o) => o.itemId === id).slice(0, perItem),
    };
  });
}
