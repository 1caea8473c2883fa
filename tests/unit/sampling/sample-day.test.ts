import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignReviewers, calibrationCount } from '../../../src/sampling/assign';
import { calibrationAgreement } from '../../../src/sampling/calibration';
import { quotaFor } from '../../../src/sampling/quota';
import { sampleDay } from '../../../src/sampling/sample-day';
import { DEFAULT_SAMPLING_POLICY as policy, type SamplingAgent, type SamplingConversation } from '../../../src/sampling/types';

const DATE = '2026-11-21';
const conversationArb = (agentIds: string[]) =>
  fc.record({
    id: fc.uuid(),
    agentId: fc.constantFrom(...agentIds),
    localHour: fc.integer({ min: 0, max: 23 }),
    rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    autoScore: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    risk: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    critical: fc.constant(false), // set below from `criticalArb`, rarely true
    keywordHits: fc.constantFrom<string[]>([], [], [], ['keyword:不知道']),
    escalation: fc.boolean(),
  });
const agentIds = ['a1', 'a2', 'a3', 'a4'];
const agentsArb = fc.record({
  a1: fc.record({ excellent: fc.boolean(), unstable: fc.boolean(), hiredAt: fc.constantFrom(null, '2026-11-10', '2025-01-01') }),
  a2: fc.record({ excellent: fc.boolean(), unstable: fc.boolean(), hiredAt: fc.constantFrom(null, '2026-11-10', '2025-01-01') }),
  a3: fc.record({ excellent: fc.boolean(), unstable: fc.boolean(), hiredAt: fc.constantFrom(null, '2026-11-10', '2025-01-01') }),
});
const toAgents = (r: Record<string, Omit<SamplingAgent, 'id'>>): SamplingAgent[] => Object.entries(r).map(([id, a]) => ({ id, ...a }));
const criticalArb = fc.array(fc.boolean(), { minLength: 200, maxLength: 200 });
const world = fc.tuple(agentsArb, fc.array(conversationArb(agentIds), { maxLength: 120 }), criticalArb).map(([agents, convs, crit]) => ({
  agents: toAgents(agents),
  convs: convs.map((c, i) => ({ ...c, critical: crit[i]! && i % 17 === 0 })) as SamplingConversation[],
}));
const run = { seed: 42, numRuns: 150 };

describe('sampleDay (properties)', () => {
  it('samples every active agent: all must-review plus min(quota, the rest), no duplicates', () => {
    fc.assert(
      fc.property(world, ({ agents, convs }) => {
        const { agents: samples, coverage } = sampleDay(policy, DATE, agents, convs, 'store');
        const active = new Set(convs.map((c) => c.agentId));
        expect(samples.map((s) => s.agentId).sort()).toEqual([...active].sort());
        expect(coverage.agentsActive).toBe(active.size);
        for (const s of samples) {
          const own = convs.filter((c) => c.agentId === s.agentId);
          const must = own.filter((c) => (c.rating !== null && c.rating <= 2) || c.critical);
          const quota = quotaFor(agents.find((a) => a.id === s.agentId), DATE, policy);
          expect(s.selected.filter((x) => x.mustReview).map((x) => x.conversationId).sort()).toEqual(must.map((c) => c.id).sort());
          expect(s.selected.filter((x) => !x.mustReview)).toHaveLength(Math.min(quota, own.length - must.length));
          expect(new Set(s.selected.map((x) => x.conversationId)).size).toBe(s.selected.length);
          expect(s.selected.every((x) => own.some((c) => c.id === x.conversationId))).toBe(true);
        }
      }),
      run,
    );
  });

  it('draws at least 40% of each quota at random when there are enough conversations', () => {
    fc.assert(
      fc.property(world, ({ agents, convs }) => {
        for (const s of sampleDay(policy, DATE, agents, convs, 'store').agents) {
          const must = s.selected.filter((x) => x.mustReview).length;
          // With no more conversations than the quota, all are taken and there is nothing to draw from.
          if (s.available - must > s.quota) expect(s.selected.filter((x) => x.reason === 'random').length).toBeGreaterThanOrEqual(Math.ceil(0.4 * s.quota));
        }
      }),
      run,
    );
  });

  it('is reproducible under any reordering of its inputs', () => {
    fc.assert(
      fc.property(world, fc.integer(), ({ agents, convs }, salt) => {
        const a = sampleDay(policy, DATE, agents, convs, 'store');
        const shuffled = [...convs].sort((x, y) => ((x.id + salt) < (y.id + salt) ? 1 : -1));
        const b = sampleDay(policy, DATE, [...agents].reverse(), shuffled, 'store');
        expect(b).toEqual(a);
      }),
      run,
    );
  });
});

describe('sampleDay (examples)', () => {
  const conv = (id: string, agentId: string, hour: number, extra: Partial<SamplingConversation> = {}): SamplingConversation => ({ id, agentId, localHour: hour, rating: null, autoScore: 95, risk: 10, critical: false, keywordHits: [], escalation: false, ...extra });

  it('takes all 3 of an agent with 3, and 10 of a new hire with 40, and records shortfalls', () => {
    const agents = [{ id: 'old', hiredAt: '2020-01-01', excellent: false, unstable: false }, { id: 'new', hiredAt: '2026-11-15', excellent: false, unstable: false }];
    const convs = [...Array.from({ length: 3 }, (_, i) => conv(`o${i}`, 'old', 10)), ...Array.from({ length: 40 }, (_, i) => conv(`n${String(i).padStart(2, '0')}`, 'new', 9 + (i % 12)))];
    const { agents: s, coverage } = sampleDay(policy, DATE, agents, convs, 'st');
    expect(s.find((x) => x.agentId === 'old')).toMatchObject({ quota: 5, available: 3, shortfall: 2, shortfallReason: 'fewer_conversations' });
    expect(s.find((x) => x.agentId === 'old')!.selected).toHaveLength(3);
    expect(s.find((x) => x.agentId === 'new')).toMatchObject({ quota: 10, shortfall: 0 });
    expect(s.find((x) => x.agentId === 'new')!.selected).toHaveLength(10);
    expect(coverage).toMatchObject({ agentsActive: 2, agentsAtQuota: 1, shortfalls: [{ agentId: 'old', quota: 5, selected: 3, reason: 'fewer_conversations' }] });
  });

  it('puts bad ratings and critical breaks on top of the quota, and fills priority with reasons', () => {
    const convs = [
      ...Array.from({ length: 20 }, (_, i) => conv(`c${String(i).padStart(2, '0')}`, 'a', i % 24)),
      conv('bad', 'a', 3, { rating: 1 }),
      conv('crit', 'a', 4, { critical: true }),
      conv('kw', 'a', 5, { keywordHits: ['keyword:不知道'] }),
      conv('low', 'a', 6, { autoScore: 40 }),
    ];
    const [s] = sampleDay(policy, DATE, [], convs, 'st').agents;
    const reasons = Object.fromEntries(s!.selected.map((x) => [x.conversationId, x.reason]));
    expect(reasons).toMatchObject({ bad: 'rating', crit: 'critical', kw: 'keyword:不知道', low: 'low_auto_score' });
    expect(s!.selected).toHaveLength(2 + 5);
    expect(s!.selected.filter((x) => x.reason === 'random')).toHaveLength(3);
  });

  it('spreads the random share across hours', () => {
    const convs = Array.from({ length: 50 }, (_, i) => conv(`h${String(i).padStart(2, '0')}`, 'a', i < 40 ? 10 : 11 + (i % 10)));
    const [s] = sampleDay({ ...policy, randomShare: 1 }, DATE, [], convs, 'st').agents;
    const hours = new Set(s!.selected.map((x) => convs.find((c) => c.id === x.conversationId)!.localHour));
    expect(hours.size).toBe(5);
  });

  it('quotas: excellent gets the floor, unstable and new hires the boost, never below 5', () => {
    const a = (extra: Partial<SamplingAgent>): SamplingAgent => ({ id: 'x', hiredAt: '2020-01-01', excellent: false, unstable: false, ...extra });
    expect(quotaFor(a({}), DATE, policy)).toBe(5);
    expect(quotaFor(a({ excellent: true }), DATE, policy)).toBe(5);
    expect(quotaFor(a({ unstable: true }), DATE, policy)).toBe(10);
    expect(quotaFor(a({ excellent: true, unstable: true }), DATE, policy)).toBe(10);
    expect(quotaFor(a({ hiredAt: '2026-11-01' }), DATE, { ...policy, newHireQuota: 7 })).toBe(7);
    expect(quotaFor(a({ hiredAt: '2026-10-01' }), DATE, policy)).toBe(5);
    expect(quotaFor(a({}), DATE, { ...policy, standardQuota: 5, excellentQuota: 5 })).toBe(5);
  });

  it('handles a large store quickly enough for one invocation (350 agents × 150)', () => {
    const convs: SamplingConversation[] = [];
    for (let a = 0; a < 350; a++) for (let k = 0; k < 150; k++) convs.push(conv(`c${a}-${k}`, `agent-${a}`, k % 24, { autoScore: (a * k) % 100, rating: k % 50 === 0 ? 1 : null }));
    const { coverage } = sampleDay(policy, DATE, [], convs, 'st');
    expect(coverage.agentsActive).toBe(350);
    expect(coverage.agentsAtQuota).toBe(350);
  });
});

describe('assignReviewers', () => {
  const sel = (i: number, agentId: string) => ({ conversationId: `c${String(i).padStart(3, '0')}`, agentId, reason: 'random', mustReview: false });
  it('balances load, never gives a reviewer their own conversations, and adds blind calibration reviews', () => {
    const selections = Array.from({ length: 200 }, (_, i) => sel(i, `agent-${i % 7}`));
    const reviewers = [{ id: 'r1', agentId: 'agent-1' }, { id: 'r2', agentId: null }, { id: 'r3', agentId: null }];
    const { assignments, unassigned } = assignReviewers(selections, reviewers, 'seed', 0.01);
    expect(unassigned).toEqual([]);
    const primary = assignments.filter((a) => !a.blind);
    expect(primary).toHaveLength(200);
    const loads = ['r1', 'r2', 'r3'].map((r) => primary.filter((a) => a.reviewerId === r).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(assignments.some((a) => a.reviewerId === 'r1' && a.agentId === 'agent-1')).toBe(false);
    const blind = assignments.filter((a) => a.blind);
    expect(blind).toHaveLength(calibrationCount(200, 0.01));
    for (const b of blind) expect(primary.find((p) => p.conversationId === b.conversationId)!.reviewerId).not.toBe(b.reviewerId);
    expect(assignReviewers(selections, reviewers, 'seed', 0.01)).toEqual({ assignments, unassigned });
  });
  it('reports conversations no reviewer may take', () => {
    const { unassigned } = assignReviewers([sel(1, 'agent-1')], [{ id: 'r1', agentId: 'agent-1' }], 's', 0.01);
    expect(unassigned).toEqual([{ conversationId: 'c001', reason: 'no_eligible_reviewer' }]);
  });
});

describe('calibrationAgreement', () => {
  it('gives each reviewer the mean score difference and item agreement of their pairs', () => {
    const r = calibrationAgreement([
      { reviewerA: 'r1', reviewerB: 'r2', scoreA: 90, scoreB: 80, itemsA: { a: 'pass', b: 'fail' }, itemsB: { a: 'pass', b: 'pass' } },
      { reviewerA: 'r1', reviewerB: 'r3', scoreA: 70, scoreB: 70, itemsA: { a: 'pass' }, itemsB: { a: 'pass' } },
    ]);
    expect(r).toEqual([
      { reviewerId: 'r1', pairs: 2, meanScoreDiff: 5, itemAgreement: 0.667 },
      { reviewerId: 'r2', pairs: 1, meanScoreDiff: 10, itemAgreement: 0.5 },
      { reviewerId: 'r3', pairs: 1, meanScoreDiff: 0, itemAgreement: 1 },
    ]);
  });
});
