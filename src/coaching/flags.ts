import type { UnstableKind } from './wording';
import { addDays } from '../lib/time';

/** One day of an agent's submitted reviews. */
export interface ReviewedDay {
  date: string;
  average: number;
  reviews: number;
  /** A critical item (a taboo) failed in one of the day's reviews. */
  critical: boolean;
}

export interface UnstableRule {
  threshold: number;
  /** How many consecutive reviewed days below the threshold flag an agent. */
  days: number;
}

/** Reviewed days further apart than this do not count as consecutive (weekends and leave are shorter). */
export const MAX_GAP_DAYS = 7;

/** The last `n` reviewed days up to `date`, if they form an unbroken run ending on `date`. */
function run(history: ReviewedDay[], date: string, n: number): ReviewedDay[] | null {
  const upTo = history.filter((d) => d.date <= date).sort((a, b) => (a.date < b.date ? -1 : 1));
  const last = upTo.slice(-n);
  if (last.length < n || last.at(-1)!.date !== date) return null;
  for (let i = 1; i < last.length; i++) if (addDays(last[i - 1]!.date, MAX_GAP_DAYS) < last[i]!.date) return null;
  return last;
}

export type UnstableDecision = { kind: 'flag'; reason: UnstableKind } | { kind: 'clear' } | { kind: 'keep' };

/**
 * SPEC §2 step 7: unstable when the reviewed average is below the threshold on `days` consecutive
 * reviewed days, or on any critical failure. An unstable agent is cleared after the same run of days at or
 * above the threshold without a critical failure. Decided on `date`'s reviews only: no reviews, no change.
 */
export function decideUnstable(history: ReviewedDay[], date: string, rule: UnstableRule, unstable: boolean): UnstableDecision {
  const today = history.find((d) => d.date === date);
  if (!today) return { kind: 'keep' };
  if (today.critical) return { kind: 'flag', reason: 'critical' };
  const days = run(history, date, Math.max(1, rule.days));
  if (days?.every((d) => d.average < rule.threshold)) return { kind: 'flag', reason: 'low_scores' };
  if (unstable && days?.every((d) => d.average >= rule.threshold && !d.critical)) return { kind: 'clear' };
  return { kind: 'keep' };
}
