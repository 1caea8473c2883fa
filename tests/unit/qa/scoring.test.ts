import { describe, expect, it } from 'vitest';
import { buildKeywordConfig } from '../../../src/qa/keywords';
import { detectPhase } from '../../../src/qa/phase';
import { prepare } from '../../../src/qa/prepare';
import { scoreConversation, scorecardSchema, type Scorecard } from '../../../src/qa/scorecard';
import type { QaConversation } from '../../../src/qa/types';
import { DEFAULT_SCORECARDS } from '../../../src/qa/templates';
import { KeywordMatcher } from '../../../src/qa/matcher';
import { fold } from '../../../src/qa/fold';

const card: Scorecard = scorecardSchema.parse({
  phase: 'pre_sales',
  categories: [
    { id: 'cat_a', name: { 'zh-CN': 'A', en: 'A' }, weight: 25, items: [{ id: 'a1', name: { 'zh-CN': 'x', en: 'x' }, description: { 'zh-CN': 'x', en: 'x' }, maxPoints: 5, auto: 'greeting' }, { id: 'a2', name: { 'zh-CN': 'x', en: 'x' }, description: { 'zh-CN': 'x', en: 'x' }, maxPoints: 5, auto: null }] },
    { id: 'cat_b', name: { 'zh-CN': 'B', en: 'B' }, weight: 50, items: [{ id: 'b1', name: { 'zh-CN': 'x', en: 'x' }, description: { 'zh-CN': 'x', en: 'x' }, maxPoints: 10, auto: null }] },
    { id: 'cat_c', name: { 'zh-CN': 'C', en: 'C' }, weight: 25, items: [{ id: 'c1', name: { 'zh-CN': 'x', en: 'x' }, description: { 'zh-CN': 'x', en: 'x' }, maxPoints: 10, auto: 'diversion', critical: true }, { id: 'c2', name: { 'zh-CN': 'x', en: 'x' }, description: { 'zh-CN': 'x', en: 'x' }, maxPoints: 10, auto: null }] },
  ],
});

describe('scoreConversation', () => {
  it('weights categories by earned over possible', () => {
    const r = scoreConversation(card, [
      { itemId: 'a1', outcome: 'pass' },
      { itemId: 'a2', outcome: 'fail' },
      { itemId: 'b1', outcome: 'pass', points: 5 },
      { itemId: 'c1', outcome: 'pass' },
      { itemId: 'c2', outcome: 'pass' },
    ]);
    // 25 × 5/10 + 50 × 5/10 + 25 × 20/20 = 62.5
    expect(r).toEqual({ score: 62.5, critical: false });
  });
  it('leaves n/a items out of both sides, and reweights a category with nothing applicable', () => {
    const r = scoreConversation(card, [{ itemId: 'a1', outcome: 'pass' }, { itemId: 'a2', outcome: 'na' }, { itemId: 'c1', outcome: 'pass' }]);
    expect(r.score).toBe(100);
  });
  it('zeroes the conversation on a critical failure, or only the category in category mode', () => {
    const results = [{ itemId: 'a1', outcome: 'pass' as const }, { itemId: 'b1', outcome: 'pass' as const }, { itemId: 'c1', outcome: 'fail' as const }, { itemId: 'c2', outcome: 'pass' as const }];
    expect(scoreConversation(card, results)).toEqual({ score: 0, critical: true });
    expect(scoreConversation({ ...card, criticalMode: 'category' }, results)).toEqual({ score: 75, critical: true });
  });
  it('validates cards: weights, unique ids, positive points, known rules', () => {
    expect(scorecardSchema.safeParse({ ...card, categories: card.categories.map((c) => ({ ...c, weight: 30 })) }).success).toBe(false);
    expect(DEFAULT_SCORECARDS.pre_sales.categories.map((c) => c.weight)).toEqual([25, 50, 25]);
    expect(DEFAULT_SCORECARDS.after_sales.categories[1]!.items.map((i) => i.id)).toContain('process_handling');
  });
});

describe('detectPhase', () => {
  const m = (text: string) => ({ id: 'x', role: 'customer' as const, text, createdAt: null });
  const phaseOf = (c: QaConversation) => detectPhase(prepare(c, buildKeywordConfig()));
  it('prefers the tag, then the agent, then the content', () => {
    expect(phaseOf({ messages: [m('退货')], rating: null, locale: 'zh-CN', phaseTag: 'pre_sales' })).toBe('pre_sales');
    expect(phaseOf({ messages: [m('有货吗')], rating: null, locale: 'zh-CN', agentPhase: 'after_sales' })).toBe('after_sales');
    expect(phaseOf({ messages: [m('我要退款')], rating: null, locale: 'zh-CN' })).toBe('after_sales');
    expect(phaseOf({ messages: [m('订单 2311051234567890 怎么样了')], rating: null, locale: 'zh-CN' })).toBe('after_sales');
    expect(phaseOf({ messages: [m('Where is my parcel')], rating: null, locale: 'en' })).toBe('after_sales');
    expect(phaseOf({ messages: [m('有L码吗')], rating: null, locale: 'zh-CN' })).toBe('pre_sales');
  });
});

describe('KeywordMatcher', () => {
  it('finds overlapping keywords in one pass, with latin word boundaries', () => {
    const m = new KeywordMatcher(['he', 'she', 'his', 'hers', '投诉', '我要投诉']);
    expect(m.findAll('ushers').map((x) => x.keyword)).toEqual([]);
    expect(m.findAll('she said hers').map((x) => x.keyword).sort()).toEqual(['hers', 'she']);
    expect(m.findAll('我要投诉').map((x) => x.keyword).sort()).toEqual(['我要投诉', '投诉']);
  });
  it('folds full-width letters one unit for one, so offsets are the original text’s', () => {
    const original = '亲ＨＥＬＬＯ　你好 Ｗｏｒｌｄ';
    const f = fold(original);
    expect(f).toBe('亲hello 你好 world');
    expect(f.length).toBe(original.length);
    const [match] = new KeywordMatcher(['hello']).findAll(f);
    expect(original.slice(match!.start, match!.end)).toBe('ＨＥＬＬＯ');
  });
});
