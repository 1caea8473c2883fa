import { describe, expect, it } from 'vitest';
import { calibrationSums } from '../../../src/reports/calibration';
import { addSums, calibrationFigures, effectiveness, figuresOf, heatMap, serviceStars, starsBar, topFailedItems, trendOf } from '../../../src/reports/figures';

/**
 * A small history, worked out by hand (pass mark 80):
 *   agent A: 3 days active, all 3 at quota; 6 reviews 90, 85, 70, 100, 80, 75 → sum 500, avg 83.3, passed 4
 *   agent B: 2 days active, 1 at quota;     4 reviews 60, 95, 80, 65          → sum 300, avg 75,   passed 2
 *   agent C: 1 day active, not at quota;    no review
 * Store: 6 agent-days active, 4 at quota (0.667); 10 reviews, sum 800 → 80.0; 6 passed → 0.6.
 * The period before: only A, 2 days both at quota, 4 reviews summing 340 (85.0), 3 passed (0.75).
 */
/*   Coaching: A's items were checked 5 times after feedback and failed twice; B's once, failed once.
 *   A opened 2 disputes (1 accepted), B 1 (rejected). The period before: A 4 checks, 2 repeats.
 */
const none = { repeatChecks: 0, repeats: 0, disputesOpened: 0, disputesAccepted: 0 };
const A = { agentId: 'A', activeDays: 3, atQuotaDays: 3, reviewed: 6, scoreSum: 500, passed: 4, repeatChecks: 5, repeats: 2, disputesOpened: 2, disputesAccepted: 1 };
const B = { agentId: 'B', activeDays: 2, atQuotaDays: 1, reviewed: 4, scoreSum: 300, passed: 2, repeatChecks: 1, repeats: 1, disputesOpened: 1, disputesAccepted: 0 };
const C = { agentId: 'C', activeDays: 1, atQuotaDays: 0, reviewed: 0, scoreSum: 0, passed: 0, ...none };
const A_BEFORE = { agentId: 'A', activeDays: 2, atQuotaDays: 2, reviewed: 4, scoreSum: 340, passed: 3, repeatChecks: 4, repeats: 2, disputesOpened: 0, disputesAccepted: 0 };

describe('dashboard figures against a hand-computed history', () => {
  it('per agent: average, pass rate, coverage; none without reviews', () => {
    expect(figuresOf(A)).toEqual({ reviewed: 6, averageScore: 83.3, passRate: 0.667, coverage: { active: 3, atQuota: 3, rate: 1 }, repeatErrorRate: 0.4, disputes: { opened: 2, accepted: 1 } });
    expect(figuresOf(B)).toEqual({ reviewed: 4, averageScore: 75, passRate: 0.5, coverage: { active: 2, atQuota: 1, rate: 0.5 }, repeatErrorRate: 1, disputes: { opened: 1, accepted: 0 } });
    expect(figuresOf(C)).toEqual({ reviewed: 0, averageScore: null, passRate: null, coverage: { active: 1, atQuota: 0, rate: 0 }, repeatErrorRate: null, disputes: { opened: 0, accepted: 0 } });
  });

  it('for the store, and the trend against the period before', () => {
    const now = figuresOf(addSums([A, B, C]));
    const before = figuresOf(addSums([A_BEFORE]));
    // Repeats: 3 of 6 checks (0.5) against 2 of 4 before (0.5); disputes 3 opened, 1 accepted.
    expect(now).toEqual({ reviewed: 10, averageScore: 80, passRate: 0.6, coverage: { active: 6, atQuota: 4, rate: 0.667 }, repeatErrorRate: 0.5, disputes: { opened: 3, accepted: 1 } });
    expect(before).toEqual({ reviewed: 4, averageScore: 85, passRate: 0.75, coverage: { active: 2, atQuota: 2, rate: 1 }, repeatErrorRate: 0.5, disputes: { opened: 0, accepted: 0 } });
    expect(trendOf(now, before)).toEqual({ reviewed: 6, averageScore: -5, passRate: -0.15, coverageRate: -0.333, repeatErrorRate: 0 });
    // A period before with no chats at all (the store not yet working): no change to state, not "up 4".
    expect(trendOf(figuresOf(B), figuresOf(addSums([])))).toEqual({ reviewed: null, averageScore: null, passRate: null, coverageRate: null, repeatErrorRate: null });
    // Chats but no reviews before: the reviews' change is real.
    const unreviewed = { ...A_BEFORE, reviewed: 0, scoreSum: 0, passed: 0, repeatChecks: 0, repeats: 0 };
    expect(trendOf(figuresOf(B), figuresOf(addSums([unreviewed])))).toMatchObject({ reviewed: 4, averageScore: null });
  });

  it('items failed most: by failures, then fail rate, with the rate’s change', () => {
    // greeting 4 of 10 (0.4, before 1 of 4 = 0.25); closing 4 of 8 (0.5, new); accuracy 1 of 10; polite never failed.
    const now = [
      { itemId: 'greeting', applicable: 10, failed: 4 },
      { itemId: 'closing', applicable: 8, failed: 4 },
      { itemId: 'accuracy', applicable: 10, failed: 1 },
      { itemId: 'polite_language', applicable: 10, failed: 0 },
    ];
    expect(topFailedItems(now, [{ itemId: 'greeting', applicable: 4, failed: 1 }])).toEqual([
      { itemId: 'closing', failed: 4, applicable: 8, failRate: 0.5, failRateTrend: null },
      { itemId: 'greeting', failed: 4, applicable: 10, failRate: 0.4, failRateTrend: 0.15 },
      { itemId: 'accuracy', failed: 1, applicable: 10, failRate: 0.1, failRateTrend: null },
    ]);
    expect(topFailedItems(now, [], 1).map((i) => i.itemId)).toEqual(['closing']);
  });

  it('heat map of agents × the items asked for, agents with most failures first', () => {
    const cells = [
      { agentId: 'B', itemId: 'closing', failed: 3, applicable: 4 },
      { agentId: 'A', itemId: 'greeting', failed: 3, applicable: 6 },
      { agentId: 'A', itemId: 'closing', failed: 1, applicable: 4 },
      { agentId: 'B', itemId: 'greeting', failed: 1, applicable: 4 },
      { agentId: 'C', itemId: 'accuracy', failed: 1, applicable: 1 },
      { agentId: 'C', itemId: 'greeting', failed: 0, applicable: 1 },
    ];
    const map = heatMap(cells, ['closing', 'greeting']);
    expect(map.agents).toEqual(['A', 'B']); // 4 failures each: by id
    expect(map.cells.map((c) => `${c.agentId}:${c.itemId}:${c.failed}`)).toEqual(['A:closing:1', 'A:greeting:3', 'B:closing:3', 'B:greeting:1']);
  });

  it('calibration: each pair summed for both reviewers, counted once overall', () => {
    // One pair: R1 gave 90, R2 gave 85; of items x, y, z they agree on x and z.
    const sums = calibrationSums([{ date: '2026-11-21', agentId: 'A', reviewerA: 'R1', reviewerB: 'R2', scoreA: 90, scoreB: 85, itemsA: { x: 'pass', y: 'fail', z: 'pass' }, itemsB: { x: 'pass', y: 'pass', z: 'pass' } }]);
    expect(sums).toEqual([
      { date: '2026-11-21', reviewerId: 'R1', agentId: 'A', pairs: 1, scoreDiffSum: 5, itemsSame: 2, itemsTotal: 3 },
      { date: '2026-11-21', reviewerId: 'R2', agentId: 'A', pairs: 1, scoreDiffSum: 5, itemsSame: 2, itemsTotal: 3 },
    ]);
    // R1 in two pairs (gaps 5 and 10; 25 of 30 items alike), R2 and R3 in one each: two pairs in all.
    const figures = calibrationFigures([
      { reviewerId: 'R1', pairs: 2, scoreDiffSum: 15, itemsSame: 25, itemsTotal: 30 },
      { reviewerId: 'R2', pairs: 1, scoreDiffSum: 5, itemsSame: 14, itemsTotal: 15 },
      { reviewerId: 'R3', pairs: 1, scoreDiffSum: 10, itemsSame: 11, itemsTotal: 15 },
    ]);
    expect(figures).toEqual({
      pairs: 2,
      meanScoreDiff: 7.5,
      itemAgreement: 0.833,
      reviewers: [
        { reviewerId: 'R1', pairs: 2, meanScoreDiff: 7.5, itemAgreement: 0.833 },
        { reviewerId: 'R2', pairs: 1, meanScoreDiff: 5, itemAgreement: 0.933 },
        { reviewerId: 'R3', pairs: 1, meanScoreDiff: 10, itemAgreement: 0.733 },
      ],
    });
    expect(calibrationFigures([])).toEqual({ pairs: 0, meanScoreDiff: null, itemAgreement: null, reviewers: [] });
  });

  it('service stars: the best averages among agents with enough reviews for the period’s length', () => {
    const agents = [
      { agentId: 'A', reviewed: 6, averageScore: 83.3 },
      { agentId: 'B', reviewed: 4, averageScore: 75 },
      { agentId: 'D', reviewed: 2, averageScore: 95 },
      { agentId: 'C', reviewed: 0, averageScore: null },
    ];
    // 10 a month → a week needs ceil(10 × 7 / 30) = 3: D's two reviews are too few.
    expect(serviceStars(agents, 10, 7)).toEqual({ minReviews: 3, stars: [{ agentId: 'A', averageScore: 83.3, reviewed: 6 }, { agentId: 'B', averageScore: 75, reviewed: 4 }] });
    expect(serviceStars(agents, 10, 30)).toEqual({ minReviews: 10, stars: [] });
    expect(serviceStars(agents, 10, 1, 1)).toEqual({ minReviews: 1, stars: [{ agentId: 'D', averageScore: 95, reviewed: 2 }] });
  });

  it('the stars bar: scaled to 30 days a month, at least one, never above the month’s own bar', () => {
    expect(starsBar(10, 7)).toBe(3);
    expect(starsBar(10, 1)).toBe(1);
    expect(starsBar(10, 30)).toBe(10);
    expect(starsBar(10, 31)).toBe(10); // not ceil(10.33) = 11: a month of any length asks the bar itself
    expect(starsBar(1, 28)).toBe(1);
  });

  it('coaching effectiveness: per item and overall, the failure rate after the card against before', () => {
    // greeting: 2 agents coached; before 3 of 10 checks failed, after 1 of 8. closing: 1 agent, 2 of 4 before, nothing after yet.
    const e = effectiveness([
      { itemId: 'closing', agents: 1, beforeChecks: 4, beforeFailures: 2, afterChecks: 0, afterFailures: 0 },
      { itemId: 'greeting', agents: 2, beforeChecks: 10, beforeFailures: 3, afterChecks: 8, afterFailures: 1 },
    ]);
    expect(e).toEqual({
      agents: 3,
      before: { checks: 14, failures: 5, rate: 0.357 },
      after: { checks: 8, failures: 1, rate: 0.125 },
      change: -0.232,
      items: [
        { itemId: 'greeting', agents: 2, before: { checks: 10, failures: 3, rate: 0.3 }, after: { checks: 8, failures: 1, rate: 0.125 }, change: -0.175 },
        { itemId: 'closing', agents: 1, before: { checks: 4, failures: 2, rate: 0.5 }, after: { checks: 0, failures: 0, rate: null }, change: null },
      ],
    });
  });
});
