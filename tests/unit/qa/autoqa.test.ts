import { describe, expect, it } from 'vitest';
import { runAutoQa, runRules } from '../../../src/qa/autoqa';
import { buildKeywordConfig, type KeywordConfig } from '../../../src/qa/keywords';
import { detectPhase } from '../../../src/qa/phase';
import { prepare } from '../../../src/qa/prepare';
import { riskScore } from '../../../src/qa/risk';
import { allItems } from '../../../src/qa/scorecard';
import { DEFAULT_SCORECARDS } from '../../../src/qa/templates';
import { RULE_IDS, type Phase, type QaMessage } from '../../../src/qa/types';
import { conv, kw, msg, signalsOf } from './helpers';

const cards = (phase: Phase) => DEFAULT_SCORECARDS[phase];
const phaseOf = (messages: QaMessage[], extra = {}, keywords: KeywordConfig = kw) => detectPhase(prepare(conv(messages, extra), keywords));
const customer = (text: string) => [msg('customer', text)];

describe('runRules', () => {
  it('returns one hit per rule in RULE_IDS order, and the prepared conversation', () => {
    const c = conv([msg('customer', '有货吗'), msg('agent', '您好，有的')]);
    const { prepared, hits } = runRules(c, kw);
    expect(hits.map((h) => h.rule)).toEqual([...RULE_IDS]);
    expect(prepared.conversation).toBe(c);
    expect(hits.filter((h) => h.critical).map((h) => h.rule)).toEqual(['abusive', 'diversion']);
  });

  it('passes the allow-list on to diversion', () => {
    const c = conv([msg('customer', '链接呢'), msg('agent', '商品链接 https://item.jd.com/100012.html')]);
    expect(runRules(c, kw, { allowedDomains: ['jd.com'] }).hits[RULE_IDS.indexOf('diversion')]!.outcome).toBe('pass');
    expect(runRules(c, kw).hits[RULE_IDS.indexOf('diversion')]!.outcome).toBe('fail');
  });
});

describe('runAutoQa', () => {
  it('scores an after-sales chat on the after-sales card, with an item per card item', () => {
    const c = conv([msg('customer', '我要退货，质量太差了，真失望'), msg('agent', '亲，您好，抱歉给您带来不便'), msg('customer', '好的谢谢'), msg('agent', '还有什么可以帮您的吗')]);
    const r = runAutoQa(c, cards, kw);
    expect(r.phase).toBe('after_sales');
    expect(r.items.map((i) => i.itemId)).toEqual(allItems(DEFAULT_SCORECARDS.after_sales).map((i) => i.id));
    const outcome = (id: string) => r.items.find((i) => i.itemId === id)!.outcome;
    expect(outcome('greeting')).toBe('pass');
    // An apology alone: no process step, no solution, frustration not acted on.
    expect([outcome('process_handling'), outcome('solution'), outcome('soothing')]).toEqual(['fail', 'fail', 'fail']);
    expect(outcome('expression')).toBeNull();
    expect(r).toMatchObject({ critical: false, escalation: false, keywordHits: [] });
    expect(r.score).toBe(41.7);
    expect(r.hits.map((h) => h.rule)).toEqual([...RULE_IDS]);
  });

  it('reports the same risk and factors as riskScore over riskSignals', () => {
    const c = conv([msg('customer', '怎么还没到？'), msg('agent', '在路上'), msg('customer', '我要投诉')], { rating: 1 });
    const r = runAutoQa(c, cards, kw);
    const expected = riskScore(signalsOf(c));
    expect(r.risk).toBe(expected.risk);
    expect(r.riskFactors).toEqual(expected.factors);
    expect(r.escalation).toBe(true);
  });

  it('zeroes the score on a critical break and names banned words once each', () => {
    const r = runAutoQa(conv([msg('customer', '有货吗？'), msg('agent', '不知道'), msg('agent', '不知道，加我微信 shop_8888')]), cards, kw);
    expect(r).toMatchObject({ score: 0, critical: true, keywordHits: ['keyword:不知道'] });
    expect(r.riskFactors.map((f) => f.factor)).toContain('critical');
  });
});

describe('detectPhase', () => {
  it('takes the platform tag first, then the agent’s phase', () => {
    expect(phaseOf(customer('我要退货'), { phaseTag: 'pre_sales', agentPhase: 'after_sales' })).toBe('pre_sales');
    expect(phaseOf(customer('有货吗'), { phaseTag: null, agentPhase: 'after_sales' })).toBe('after_sales');
  });

  it.each([
    ['快递到哪了', 'zh-CN after-sales word'],
    ['包裹破损了', 'zh-CN after-sales word'],
    ['I want to return it', 'en after-sales word'],
    ['Where is my ORDER', 'en, any case'],
    ['231105123456 怎么样了', '12 digits'],
    ['单号23110512345678901234', '20 digits'],
  ])('is after_sales for %s (%s)', (text) => {
    expect(phaseOf(customer(text))).toBe('after_sales');
  });

  it.each([
    ['有L码吗', 'a pre-sales question'],
    ['Is there a border on it', '"order" inside a word'],
    ['电话 13812345678', '11 digits is not an order number'],
    ['231105123456789012345', '21 digits'],
    ['SKU231105123456X', 'digits glued to letters'],
  ])('is pre_sales for %s (%s)', (text) => {
    expect(phaseOf(customer(text))).toBe('pre_sales');
  });

  it('reads only customer messages', () => {
    expect(phaseOf([msg('customer', '有货吗'), msg('agent', '有的，支持七天退货，订单号 2311051234567890')])).toBe('pre_sales');
  });

  it('follows the store’s after-sales words: added ones count, removed ones do not', () => {
    const added = buildKeywordConfig({ 'zh-CN': { after_sales: { add: ['补发'], remove: [] } } });
    expect(phaseOf(customer('什么时候补发'))).toBe('pre_sales');
    expect(phaseOf(customer('什么时候补发'), {}, added)).toBe('after_sales');
    const removed = buildKeywordConfig({ 'zh-CN': { after_sales: { add: [], remove: ['物流'] } } });
    expect(phaseOf(customer('物流信息'))).toBe('after_sales');
    expect(phaseOf(customer('物流信息'), {}, removed)).toBe('pre_sales');
  });

  // Chinese IMEs type full-width digits.
  it('sees an order number typed in full-width digits', () => {
    expect(phaseOf(customer('２３１１０５１２３４５６７８９０ 到哪了'))).toBe('after_sales');
  });
});
