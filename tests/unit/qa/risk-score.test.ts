import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RISK_CURVE, RISK_POINTS, RISK_SIGNALS, riskScore, RiskSignals, type RiskSignal } from '../../../src/qa/risk';
import { conv, msg, signalsOf } from './helpers';

/** Signals as riskSignals reports them: a count per signal in RISK_SIGNALS order, and the points. */
const signalsFrom = (list: readonly RiskSignal[]) => {
  const s = new RiskSignals();
  for (const signal of list) {
    s.counts[RISK_SIGNALS.indexOf(signal)]!++;
    s.points += RISK_POINTS[signal];
  }
  return s;
};
const run = { seed: 9001, numRuns: 300 };
const signalList = fc.array(fc.constantFrom(...RISK_SIGNALS), { maxLength: 30 });
/** The documented curve, rounded to one decimal. */
const expectedRisk = (points: number) => Math.round(1000 / (1 + Math.exp(-(RISK_CURVE.bias + RISK_CURVE.slope * points)))) / 10;

describe('riskScore: factors of a whole conversation', () => {
  it('lists each factor with its points, count and messages, largest first (zh-CN)', () => {
    const c = conv(
      [msg('customer', '你们怎么还没发货？'), msg('agent', '抱歉，今天发'), msg('customer', '我要投诉'), msg('agent', '您好，已经发了'), msg('customer', '你们怎么还没发货？')],
      { rating: 2 },
    );
    const [m1, m2, m3, , m5] = c.messages.map((m) => m.id);
    const signals = signalsOf(c);
    const { risk, factors } = riskScore(signals);
    expect(factors).toEqual([
      { factor: 'bad_rating', points: 20, count: 1, messageIds: [] },
      { factor: 'pushback', points: 2, count: 2, messageIds: [m1, m5] },
      { factor: 'frustration', points: 2, count: 2, messageIds: [m1, m5] },
      { factor: 'blame', points: 2, count: 2, messageIds: [m1, m5] },
      { factor: 'escalation', points: 1, count: 1, messageIds: [m3] },
      { factor: 'agent_apology', points: 1, count: 1, messageIds: [m2] },
      { factor: 'repeated_question', points: 0.5, count: 1, messageIds: [m5] },
      { factor: 'no_thanks_at_end', points: 0.5, count: 1, messageIds: [m5] },
      { factor: 'unanswered_at_end', points: 0.5, count: 1, messageIds: [m5] },
    ]);
    expect(signals.points).toBe(29.5);
    expect(risk).toBe(expectedRisk(29.5));
  });

  it('lists each factor with its points, count and messages, largest first (en)', () => {
    const c = conv(
      [msg('customer', 'Where is my parcel? You guys are so slow'), msg('agent', 'Sorry, it ships today'), msg('customer', 'Not good enough, I want a refund')],
      { rating: 1, locale: 'en' },
    );
    const [m1, m2, m3] = c.messages.map((m) => m.id);
    expect(riskScore(signalsOf(c)).factors).toEqual([
      { factor: 'bad_rating', points: 20, count: 1, messageIds: [] },
      { factor: 'pushback', points: 1, count: 1, messageIds: [m3] },
      { factor: 'escalation', points: 1, count: 1, messageIds: [m3] },
      { factor: 'blame', points: 1, count: 1, messageIds: [m1] },
      { factor: 'agent_apology', points: 1, count: 1, messageIds: [m2] },
      { factor: 'no_thanks_at_end', points: 0.5, count: 1, messageIds: [m3] },
    ]);
  });

  it('orders by size whatever the sign, ties in RISK_SIGNALS order', () => {
    const s = signalsFrom(['thanks', 'pushback', 'thanks', 'long_wait', 'pushback', 'thanks', 'critical', 'no_thanks_at_end', 'agent_apology']);
    expect(riskScore(s).factors.map((f) => [f.factor, f.points])).toEqual([
      ['critical', 3],
      ['long_wait', 3],
      ['thanks', -3],
      ['pushback', 2],
      ['agent_apology', 1],
      ['no_thanks_at_end', 0.5],
    ]);
  });

  it('has no factors and the curve’s floor for an empty chat', () => {
    const { risk, factors } = riskScore(signalsOf(conv([])));
    expect(factors).toEqual([]);
    expect(risk).toBe(expectedRisk(0));
  });
  it('adds up the points of random chats and points each factor at messages of the right side (property)', () => {
    const customerSays = ['到哪了？', '不行', '没关系', '谢谢', '你们太慢了', '我要投诉', 'no problem', "No, I don't want it", 'Thanks!', 'Where is it?', '滚动截屏', '滚'];
    const agentSays = ['您好', '抱歉', 'Sorry', '在路上', '加我微信 shop_8888'];
    const chat = fc.record({
      lines: fc.array(fc.oneof(fc.constantFrom(...customerSays).map((t) => msg('customer', t)), fc.constantFrom(...agentSays).map((t) => msg('agent', t))), { maxLength: 12 }),
      rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    });
    fc.assert(
      fc.property(chat, ({ lines, rating }) => {
        const c = conv(lines, { rating });
        const signals = signalsOf(c);
        const { risk, factors } = riskScore(signals);
        expect(signals.points).toBe(RISK_SIGNALS.reduce((sum, signal, i) => sum + signals.counts[i]! * RISK_POINTS[signal], 0));
        expect(factors.reduce((sum, f) => sum + f.points, 0)).toBe(signals.points);
        expect(risk).toBe(expectedRisk(signals.points));
        const roleOf = new Map(lines.map((m) => [m.id, m.role]));
        for (const f of factors) for (const id of f.messageIds) expect(roleOf.get(id)).toBe(f.factor === 'agent_apology' ? 'agent' : 'customer');
      }),
      run,
    );
  });
});

describe('riskScore: the curve', () => {
  it('maps points through the logistic curve, to one decimal', () => {
    const flat = { bias: 0, slope: 1 };
    expect(riskScore(signalsFrom([]), flat).risk).toBe(50);
    expect(riskScore(signalsFrom(['pushback']), flat).risk).toBe(73.1);
    expect(riskScore(signalsFrom(['no_thanks_at_end', 'thanks']), flat).risk).toBe(37.8);
  });

  it('puts a bad rating alone above 70 and a good one low', () => {
    expect(riskScore(signalsFrom(['bad_rating'])).risk).toBeGreaterThan(70);
    expect(riskScore(signalsFrom(['good_rating'])).risk).toBeLessThan(2);
  });

  it('sums points over factors, one decimal in 0–100 (property)', () => {
    fc.assert(
      fc.property(signalList, (list) => {
        const s = signalsFrom(list);
        const { risk, factors } = riskScore(s);
        expect(s.points).toBe(list.reduce((sum, signal) => sum + RISK_POINTS[signal], 0));
        expect(factors.reduce((sum, f) => sum + f.points, 0)).toBe(s.points);
        expect(factors.reduce((sum, f) => sum + f.count, 0)).toBe(list.length);
        for (const f of factors) expect(f.points).toBe(f.count * RISK_POINTS[f.factor as RiskSignal]);
        expect(risk).toBe(Math.round(risk * 10) / 10);
        expect(risk).toBe(expectedRisk(s.points));
        expect(risk).toBeGreaterThanOrEqual(0);
        expect(risk).toBeLessThanOrEqual(100);
      }),
      run,
    );
  });

  it('never falls as points rise (property)', () => {
    fc.assert(
      fc.property(signalList, signalList, (a, b) => {
        const [low, high] = [signalsFrom(a), signalsFrom(b)].sort((x, y) => x.points - y.points);
        expect(riskScore(low!).risk).toBeLessThanOrEqual(riskScore(high!).risk);
        const worse = signalsFrom([...a, 'pushback']);
        const better = signalsFrom([...a, 'thanks']);
        expect(riskScore(worse).risk).toBeGreaterThanOrEqual(riskScore(signalsFrom(a)).risk);
        expect(riskScore(better).risk).toBeLessThanOrEqual(riskScore(signalsFrom(a)).risk);
      }),
      run,
    );
  });
});
