import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../src/db/client';
import { getDashboard } from '../../src/services/dashboard';
import { call, createTestStore, expectError } from '../helpers/api';
import { buildHistory, D1, D2 } from '../helpers/history';
import { storeDb } from '../helpers/stores';

let h: Awaited<ReturnType<typeof buildHistory>>;
let lead: string;
const dashboard = (query: string, token = h.apiKey) => call('GET', `/v1/dashboard?${query}`, { token });
/** A figures object: reviews, average, pass rate, agent-days active and at quota, then the coaching figures. */
const fig = (reviewed: number, averageScore: number | null, passRate: number | null, active: number, atQuota: number, rate: number | null, repeatErrorRate: number | null = null, disputes = [0, 0]) => ({
  reviewed,
  averageScore,
  passRate,
  coverage: { active, atQuota, rate },
  repeatErrorRate,
  disputes: { opened: disputes[0], accepted: disputes[1] },
});

beforeAll(async () => {
  h = await buildHistory();
  lead = (await call('POST', '/v1/widget-tokens', { token: h.apiKey, body: { sub: 'lead-1', role: 'lead', team: '售前' } })).json.token;
}, 60_000);

// Every expected number below is worked out by hand from the history in tests/helpers/history.ts.
describe('the dashboard, against the hand-computed history', () => {
  it('a day: reviews, average, pass rate and coverage, and the trend against the day before', async () => {
    const res = await dashboard(`period=day&date=${D2}`);
    expect(res.status).toBe(200);
    const d = res.json;
    expect(d.period).toEqual({ kind: 'day', key: D2, from: D2, to: D2 });
    expect(d.previous.key).toBe(D1);
    // D2: 13 reviews summing 485 + 280 + 500 = 1265 → 97.3; 8 at or above 96; A and C of 3 agents at quota.
    // 小美 had feedback on greeting (D1's card): greeting checked in her 5 reviews, failed twice → 0.4.
    expect(d.totals.figures).toEqual(fig(13, 97.3, 0.615, 3, 2, 0.667, 0.4, [2, 0]));
    // D1: 3 reviews, 295 → 98.3, 2 passed; neither agent at quota; no feedback before it, so no repeat checks.
    expect(d.totals.trend).toEqual({ reviewed: 10, averageScore: -1, passRate: -0.052, coverageRate: 0.667, repeatErrorRate: null });
    const byName = Object.fromEntries(d.agents.map((a: { name: string }) => [a.name, a]));
    expect(byName['小美'].figures).toEqual(fig(5, 97, 0.4, 1, 1, 1, 0.4, [1, 0]));
    expect(byName['小美'].trend).toEqual({ reviewed: 3, averageScore: -0.5, passRate: -0.1, coverageRate: 1, repeatErrorRate: null });
    expect(byName['阿杰'].figures).toEqual(fig(3, 93.3, 0.333, 1, 0, 0, null, [1, 0]));
    expect(byName['老王'].figures).toEqual(fig(5, 100, 1, 1, 1, 1));
    const teams = Object.fromEntries(d.teams.map((t: { team: string; figures: unknown }) => [t.team, t.figures]));
    expect(teams['售前']).toEqual(fig(8, 95.6, 0.375, 2, 1, 0.5, 0.4, [2, 0]));
    expect(teams['售后']).toEqual(fig(5, 100, 1, 1, 1, 1));
  });

  it('the items failed most, in words, with the change of their fail rate, and the agent × item heat map', async () => {
    const d = (await dashboard(`period=day&date=${D2}`)).json;
    // greeting failed 3 of 13 (D1: 1 of 3), closing 2 of 13 (D1: 0 of 3), expression 1 of 13 (D1: 0 of 3).
    expect(d.topFailedItems).toEqual([
      { itemId: 'greeting', name: { 'zh-CN': '开头语', en: 'Greeting' }, failed: 3, applicable: 13, failRate: 0.231, failRateTrend: -0.102 },
      { itemId: 'closing', name: { 'zh-CN': '结束语', en: 'Closing' }, failed: 2, applicable: 13, failRate: 0.154, failRateTrend: 0.154 },
      { itemId: 'expression', name: { 'zh-CN': '表达技巧', en: 'Expression' }, failed: 1, applicable: 13, failRate: 0.077, failRateTrend: 0.077 },
    ]);
    expect(d.heatMap.items).toEqual(['greeting', 'closing', 'expression']);
    const cells = d.heatMap.cells.map((c: { agentId: string; itemId: string; failed: number }) => `${c.agentId === h.agents.A ? 'A' : 'B'}:${c.itemId}:${c.failed}`).sort();
    expect(cells).toEqual(['A:closing:1', 'A:greeting:2', 'B:closing:1', 'B:expression:1', 'B:greeting:1']);
    expect(new Set(d.heatMap.agents)).toEqual(new Set([h.agents.A, h.agents.B]));
  });

  it('reviewer agreement from the blind pairs', async () => {
    const d = (await dashboard(`period=day&date=${D2}`)).json;
    // 3 blind pairs on D2, each 5 points apart with 13 of 14 items alike.
    expect(d.calibration).toMatchObject({ pairs: 3, meanScoreDiff: 5, itemAgreement: 0.929 });
    expect(d.calibration.reviewers.map((r: { name: string }) => r.name).sort()).toEqual(['质检乙', '质检甲']);
    for (const r of d.calibration.reviewers) expect(r).toMatchObject({ meanScoreDiff: 5, itemAgreement: 0.929 });
    expect(d.calibration.reviewers.reduce((n: number, r: { pairs: number }) => n + r.pairs, 0)).toBe(6);
  });

  it("coaching effectiveness: greeting failed 1 of 2 times before 小美's card on D1, 2 of 5 in the 30 days after", async () => {
    const d = (await dashboard(`period=day&date=${D1}`)).json;
    expect(d.coachingEffectiveness).toEqual({
      window: 30,
      agents: 1,
      before: { checks: 2, failures: 1, rate: 0.5 },
      after: { checks: 5, failures: 2, rate: 0.4 },
      change: -0.1,
      items: [{ itemId: 'greeting', name: { 'zh-CN': '开头语', en: 'Greeting' }, agents: 1, before: { checks: 2, failures: 1, rate: 0.5 }, after: { checks: 5, failures: 2, rate: 0.4 }, change: -0.1 }],
    });
    // Over the week the D2 cards add pairs with nothing after them yet: the "after" side is still D1's card alone.
    expect((await dashboard(`period=week&date=${D2}`)).json.coachingEffectiveness.after).toEqual({ checks: 5, failures: 2, rate: 0.4 });
  });

  it('a week under way is compared with as many days of the week before, summed from their day rows', async () => {
    const db = getDb(await storeDb(h.storeId));
    // The store's yesterday is Friday 27 November: Monday to Friday of that week against Monday 16 to
    // Friday 20 November, which holds D1 (Friday) but not D2 (Saturday).
    const d = await getDashboard(db, h.storeId, { period: 'week', date: '2026-11-23' }, null, Date.parse('2026-11-28T04:00:00Z'));
    expect(d.through).toBe('2026-11-27');
    expect(d.previous).toEqual({ kind: 'week', key: '2026-W47', from: '2026-11-16', to: '2026-11-20' });
    const day1 = (await dashboard(`period=day&date=${D1}`)).json;
    expect(day1.totals.figures.reviewed).toBe(3);
    expect(d.totals.figures.reviewed).toBe(0);
    expect(d.totals.trend.reviewed).toBe(-3); // not −16, the whole of week 47
    const byName = Object.fromEntries(d.agents.map((a) => [a.name, a]));
    expect(byName['小美']!.trend.reviewed).toBe(-2);
    expect(byName['老王']!.trend.reviewed).toBe(-1);
    expect(byName['阿杰']).toBeUndefined(); // no chats on D1, none this week
    // Stars of the week so far (five days) need ceil(10 × 5 / 30) = 2 reviews, not the whole week's 3.
    expect(d.serviceStars.minReviews).toBe(2);
    // A lead's view of the same is held to the lead's team, on the cut side too.
    const lead = await getDashboard(db, h.storeId, { period: 'week', date: '2026-11-23' }, '售前', Date.parse('2026-11-28T04:00:00Z'));
    expect(lead.totals.trend.reviewed).toBe(-2);
    // Once the week is over it is compared with the whole week before.
    const done = await getDashboard(db, h.storeId, { period: 'week', date: '2026-11-23' }, null, Date.parse('2026-12-01T04:00:00Z'));
    expect(done.through).toBe('2026-11-29');
    expect(done.previous).toEqual({ kind: 'week', key: '2026-W47', from: '2026-11-16', to: '2026-11-22' });
    expect(done.totals.trend.reviewed).toBe(-16);
  });

  it('a week and a month hold both days; service stars need 3 reviews in a week', async () => {
    for (const period of ['week', 'month']) {
      const d = (await dashboard(`period=${period}&date=${D1}`)).json;
      // 16 reviews summing 1560 → 97.5; 10 passed; 5 agent-days active, 2 at quota; 4 blind pairs.
      expect(d.totals.figures).toEqual(fig(16, 97.5, 0.625, 5, 2, 0.4, 0.4, [2, 0]));
      // The period before had no chats at all: no change to state (not "up 16").
      expect(d.totals.trend).toEqual({ reviewed: null, averageScore: null, passRate: null, coverageRate: null, repeatErrorRate: null });
      expect(d.calibration.pairs).toBe(4);
    }
    const week = (await dashboard(`period=week&date=${D2}`)).json;
    expect(week.period).toMatchObject({ key: '2026-W47', from: '2026-11-16', to: '2026-11-22' });
    expect(week.series.map((s: { date: string; reviewed: number }) => [s.date, s.reviewed])).toEqual([
      [D1, 3],
      [D2, 13],
    ]);
    // At least ceil(10 × 7 / 30) = 3 reviews: 老王 100 (6), 小美 680 / 7 = 97.1, 阿杰 280 / 3 = 93.3.
    expect(week.serviceStars).toEqual({
      minReviews: 3,
      stars: [
        { agentId: h.agents.C, name: '老王', averageScore: 100, reviewed: 6 },
        { agentId: h.agents.A, name: '小美', averageScore: 97.1, reviewed: 7 },
        { agentId: h.agents.B, name: '阿杰', averageScore: 93.3, reviewed: 3 },
      ],
    });
    expect((await dashboard(`period=month&date=${D2}`)).json.serviceStars).toEqual({ minReviews: 10, stars: [] });
  });

  it("a lead's dashboard holds their team only; naming another team is a 404", async () => {
    const d = (await dashboard(`period=day&date=${D2}`, lead)).json;
    expect(d.team).toBe('售前');
    expect(d.totals.figures).toEqual(fig(8, 95.6, 0.375, 2, 1, 0.5, 0.4, [2, 0]));
    expect(d.agents.map((a: { name: string }) => a.name).sort()).toEqual(['小美', '阿杰']);
    expect(d.teams.map((t: { team: string }) => t.team)).toEqual(['售前']);
    expect(d.heatMap.agents.every((id: string) => id === h.agents.A || id === h.agents.B)).toBe(true);
    // The team's calibration pairs only: those whose conversation was one of A's or B's.
    const reviews = (await call('GET', `/v1/reviews?date=${D2}`, { token: h.apiKey })).json.data as { blind: boolean; agentId: string }[];
    const teamPairs = reviews.filter((r) => r.blind && (r.agentId === h.agents.A || r.agentId === h.agents.B)).length;
    expect(d.calibration.pairs).toBe(teamPairs);
    expectError(await dashboard(`period=day&date=${D2}&team=售后`, lead), 404, 'not_found', 'team');
    // A manager may look at one team.
    expect((await dashboard(`period=day&date=${D2}&team=售后`)).json.totals.figures.reviewed).toBe(5);
  });

  it("a lead's sample day holds their team's coverage, not the store's", async () => {
    const res = await call('GET', `/v1/samples?date=${D2}`, { token: lead });
    expect(res.status).toBe(200);
    expect(res.json.coverage).toMatchObject({ agentsActive: 2, agentsAtQuota: 1, conversations: 8, selected: 8, mustReview: 0, unassigned: 0 });
    expect(res.json.coverage.shortfalls).toEqual([{ agentId: h.agents.B, quota: 5, selected: 3, reason: 'fewer_conversations' }]);
    expect(res.json.agents.map((a: { agentId: string }) => a.agentId).sort()).toEqual([h.agents.A, h.agents.B].sort());
    const store = (await call('GET', `/v1/samples?date=${D2}`, { token: h.apiKey })).json.coverage;
    expect(store).toMatchObject({ agentsActive: 3, agentsAtQuota: 2, conversations: 13 });
  });

  it('rebuilding the rollups from the reviews gives the same figures (the daily job and each submission keep them current)', async () => {
    const before = (await dashboard(`period=week&date=${D2}`)).json;
    const res = await call('POST', '/v1/jobs/rollups', { token: h.apiKey, body: { from: D1, to: D2 } });
    expect(res.status).toBe(200);
    expect(res.json.calibrationPairs).toBe(4);
    expect((await dashboard(`period=week&date=${D2}`)).json).toEqual(before);
    expectError(await call('POST', '/v1/jobs/rollups', { token: h.apiKey, body: { from: D2, to: D1 } }), 400, 'invalid_request', 'to');
  });

  it('refuses bad input, and another store sees none of it', async () => {
    expectError(await dashboard('period=year'), 400, 'invalid_request', 'period');
    expectError(await dashboard('date=2026-13-01'), 400, 'invalid_request', 'date');
    const other = await createTestStore();
    const d = (await dashboard(`period=week&date=${D2}`, other.apiKey)).json;
    expect(d.totals.figures.reviewed).toBe(0);
    expect(d.agents).toEqual([]);
  });

  it("an accepted dispute re-scores the review, and the day's figures follow at once", async () => {
    const id = await h.dispute('A', `A-${D2}-2`, 'closing');
    const lead = await h.mint({ sub: 'lead-1', role: 'lead', team: '售前' });
    expect((await call('POST', `/v1/disputes/${id}/resolve`, { token: lead, body: { decision: 'accept' } })).status).toBe(200);
    const d = (await dashboard(`period=day&date=${D2}`)).json;
    // a2: 95 → 100. 小美 490 → 98, 3 passed; the store 1270 / 13 → 97.7, 9 passed; 3 disputes, 1 accepted.
    expect(d.agents.find((a: { name: string }) => a.name === '小美').figures).toEqual(fig(5, 98, 0.6, 1, 1, 1, 0.4, [2, 1]));
    expect(d.totals.figures).toEqual(fig(13, 97.7, 0.692, 3, 2, 0.667, 0.4, [3, 1]));
    expect(d.topFailedItems.find((i: { itemId: string }) => i.itemId === 'closing')).toMatchObject({ failed: 1, failRate: 0.077 });
  });
});
