import { describe, expect, it } from 'vitest';
import { decideUnstable, type ReviewedDay } from '../../../src/coaching/flags';
import { coachingEffectiveness, repeatErrors, serviceStars, type ReviewFact } from '../../../src/coaching/followup';
import { periodRange } from '../../../src/coaching/periods';

const day = (date: string, average: number, critical = false): ReviewedDay => ({ date, average, reviews: 5, critical });
const rule = { threshold: 80, days: 2 };

describe('the unstable flag', () => {
  it('flags two consecutive reviewed days below the threshold, not one', () => {
    expect(decideUnstable([day('2026-11-20', 75)], '2026-11-20', rule, false)).toEqual({ kind: 'keep' });
    expect(decideUnstable([day('2026-11-20', 75), day('2026-11-21', 79)], '2026-11-21', rule, false)).toEqual({ kind: 'flag', reason: 'low_scores' });
    expect(decideUnstable([day('2026-11-20', 85), day('2026-11-21', 70)], '2026-11-21', rule, false)).toEqual({ kind: 'keep' });
  });

  it('counts reviewed days across a weekend as consecutive, but not across more than a week', () => {
    expect(decideUnstable([day('2026-11-20', 70), day('2026-11-23', 70)], '2026-11-23', rule, false).kind).toBe('flag');
    expect(decideUnstable([day('2026-11-01', 70), day('2026-11-21', 70)], '2026-11-21', rule, false).kind).toBe('keep');
  });

  it('flags any critical failure at once', () => {
    expect(decideUnstable([day('2026-11-21', 95, true)], '2026-11-21', rule, false)).toEqual({ kind: 'flag', reason: 'critical' });
  });

  it('clears after the same run at or above the threshold without a critical failure; no reviews, no change', () => {
    expect(decideUnstable([day('2026-11-20', 85), day('2026-11-21', 90)], '2026-11-21', rule, true)).toEqual({ kind: 'clear' });
    expect(decideUnstable([day('2026-11-20', 85, true), day('2026-11-21', 90)], '2026-11-21', rule, true)).toEqual({ kind: 'keep' });
    expect(decideUnstable([day('2026-11-20', 70)], '2026-11-21', rule, true)).toEqual({ kind: 'keep' });
  });
});

const fact = (agentId: string, date: string, items: ReviewFact['items'], score = 80): ReviewFact => ({ agentId, date, score, items });

describe('follow-up figures', () => {
  it('repeat errors: an item failed again after a card gave feedback on it', () => {
    const cards = [{ agentId: 'a', date: '2026-11-20', items: ['greeting'] }];
    const reviews = [
      fact('a', '2026-11-20', { greeting: 'fail', closing: 'fail' }), // the day of the card itself: not after feedback
      fact('a', '2026-11-21', { greeting: 'fail', closing: 'fail' }),
      fact('a', '2026-11-22', { greeting: 'pass' }),
      fact('a', '2026-11-23', { greeting: 'na' }),
      fact('b', '2026-11-21', { greeting: 'fail' }), // no feedback to b
    ];
    const r = repeatErrors(reviews, cards);
    expect(r.total).toEqual({ checks: 2, repeats: 1, rate: 0.5 });
    expect(r.byAgent).toEqual([{ key: 'a', checks: 2, repeats: 1, rate: 0.5 }]);
    expect(r.byItem).toEqual([{ key: 'greeting', checks: 2, repeats: 1, rate: 0.5 }]);
  });

  it('coaching effectiveness: the failure rate before the card against after it', () => {
    const cards = [{ agentId: 'a', date: '2026-11-10', items: ['greeting'] }];
    const reviews = [fact('a', '2026-11-05', { greeting: 'fail' }), fact('a', '2026-11-10', { greeting: 'fail' }), fact('a', '2026-11-08', { greeting: 'pass' }), fact('a', '2026-11-12', { greeting: 'pass' }), fact('a', '2026-11-15', { greeting: 'fail' }), fact('a', '2026-11-16', { greeting: 'pass' }), fact('a', '2026-11-17', { greeting: 'pass' })];
    const [e] = coachingEffectiveness(reviews, cards, '2026-11-01', '2026-11-30', 30);
    expect(e).toEqual({ itemId: 'greeting', agents: 1, before: { checks: 3, failures: 2, rate: 0.667 }, after: { checks: 4, failures: 1, rate: 0.25 }, change: -0.417 });
  });

  it('service stars: the top averages among agents with enough reviews', () => {
    const reviews = [...Array(3)].flatMap(() => [fact('a', '2026-11-01', {}, 90), fact('b', '2026-11-01', {}, 95), fact('c', '2026-11-01', {}, 99)]).slice(0, 8);
    const stars = serviceStars(reviews, 3, 5, (id) => id);
    expect(stars).toEqual([
      { rank: 1, agentId: 'b', average: 95, reviews: 3 },
      { rank: 2, agentId: 'a', average: 90, reviews: 3 },
    ]);
  });

  it('periods: the ISO week and the calendar month containing a day', () => {
    expect(periodRange('week', '2026-11-21')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(periodRange('month', '2026-02-11')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRange('day', '2026-02-11')).toEqual({ from: '2026-02-11', to: '2026-02-11' });
  });
});
