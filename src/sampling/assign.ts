import { seededRng } from '../lib/random';
import type { Selection } from './types';

export interface Reviewer {
  id: string;
  /** Set when the reviewer also answers chats: they never review their own. */
  agentId: string | null;
}

export interface Assignment {
  conversationId: string;
  agentId: string;
  reviewerId: string;
  /** A second, independent review for calibration. */
  blind: boolean;
}

/** Calibration pairs for n reviews: about `rate` of them, at least one once there are 20. */
export function calibrationCount(n: number, rate: number): number {
  return Math.max(n >= 20 && rate > 0 ? 1 : 0, Math.round(n * rate));
}

/**
 * Balanced assignment: each conversation goes to the least-loaded reviewer who did not handle it (ties
 * broken by a seeded order); then about `calibrationRate` of them get a blind second reviewer.
 * Deterministic for the same inputs and seed.
 */
export function assignReviewers(selections: Selection[], reviewers: Reviewer[], seed: string, calibrationRate: number) {
  const rng = seededRng(`assign|${seed}`);
  const order = rng.shuffle([...reviewers].sort((a, b) => (a.id < b.id ? -1 : 1)));
  const load = new Map(order.map((r) => [r.id, 0]));
  const items = rng.shuffle([...selections].sort((a, b) => (a.conversationId < b.conversationId ? -1 : 1)));
  const assignments: Assignment[] = [];
  const unassigned: { conversationId: string; reason: 'no_eligible_reviewer' }[] = [];
  const leastLoaded = (agentId: string, except?: string) => {
    let best: Reviewer | null = null;
    for (const r of order) {
      if (r.agentId === agentId || r.id === except) continue;
      if (!best || load.get(r.id)! < load.get(best.id)!) best = r;
    }
    return best;
  };
  for (const s of items) {
    const r = leastLoaded(s.agentId);
    if (!r) {
      unassigned.push({ conversationId: s.conversationId, reason: 'no_eligible_reviewer' });
      continue;
    }
    load.set(r.id, load.get(r.id)! + 1);
    assignments.push({ conversationId: s.conversationId, agentId: s.agentId, reviewerId: r.id, blind: false });
  }
  const primaries = [...assignments];
  const calibrate = rng.shuffle([...primaries]).slice(0, calibrationCount(primaries.length, calibrationRate));
  for (const a of calibrate) {
    const second = leastLoaded(a.agentId, a.reviewerId);
    if (!second) continue;
    load.set(second.id, load.get(second.id)! + 1);
    assignments.push({ ...a, reviewerId: second.id, blind: true });
  }
  return { assignments, unassigned };
}
