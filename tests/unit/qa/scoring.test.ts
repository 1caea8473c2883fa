import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allItems, autoScore, scoreConversation, scoreInOrder, scorecardSchema, type Scorecard } from '../../../src/qa/scorecard';
import { DEFAULT_SCORECARDS } from '../../../src/qa/templates';
import { RULE_IDS, type Outcome } from '../../../src/qa/types';

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

describe('autoScore', () => {
  it('gives the score scoreInOrder gives for the same outcomes, over random hits, cards and manual items', () => {
    const cards = [card, { ...card, criticalMode: 'category' as const }, DEFAULT_SCORECARDS.pre_sales, DEFAULT_SCORECARDS.after_sales];
    const outcome = fc.constantFrom<Outcome>('pass', 'fail', 'na');
    fc.assert(
      fc.property(fc.constantFrom(...cards), fc.array(outcome, { minLength: RULE_IDS.length, maxLength: RULE_IDS.length }), fc.subarray(allItems(DEFAULT_SCORECARDS.after_sales).map((i) => i.id)), (c, outcomes, manual) => {
        const hits = outcomes.map((o) => ({ outcome: o }));
        const { score, critical, items } = autoScore(c, hits, manual);
        expect(scoreInOrder(c, items.map((i) => i.outcome))).toEqual({ score, critical });
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('keeps a result per card and pattern of outcomes: the same frozen object again, the same as worked out afresh', () => {
    const outcome = fc.constantFrom<Outcome>('pass', 'fail', 'na');
    const patterns = fc.array(fc.array(outcome, { minLength: RULE_IDS.length, maxLength: RULE_IDS.length }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(patterns, (list) => {
        // A copy of the card is a card never seen: its results are worked out, not recalled.
        const fresh = structuredClone(DEFAULT_SCORECARDS.pre_sales);
        for (const outcomes of list) {
          const hits = outcomes.map((o) => ({ outcome: o }));
          const kept = autoScore(DEFAULT_SCORECARDS.pre_sales, hits);
          expect(autoScore(DEFAULT_SCORECARDS.pre_sales, hits.map((h) => ({ ...h })))).toBe(kept);
          expect(autoScore(structuredClone(fresh), hits)).toEqual(kept);
          expect(Object.isFrozen(kept) && Object.isFrozen(kept.items)).toBe(true);
        }
      }),
      { seed: 8, numRuns: 100 },
    );
  });

  it('never shares a result between lists of outcomes of different lengths, or when the store left items to review', () => {
    // Without the key's leading digit, one more rule not applicable at the front would read the same.
    const pre = DEFAULT_SCORECARDS.pre_sales;
    const some = RULE_IDS.map((_, i) => ({ outcome: (i % 3 ? 'pass' : i % 2 ? 'fail' : 'na') as Outcome }));
    const shifted = [{ outcome: 'na' as Outcome }, ...some];
    autoScore(pre, some);
    expect(autoScore(pre, shifted)).toEqual(autoScore(structuredClone(pre), shifted));
    const hits = RULE_IDS.map(() => ({ outcome: 'pass' as Outcome }));
    const manualItem = allItems(card).find((i) => i.auto)!.id;
    const manual = autoScore(card, hits, [manualItem]);
    expect(manual).not.toBe(autoScore(card, hits));
    expect(manual.items.find((i) => i.itemId === manualItem)!.outcome).toBeNull();
    expect(() => (autoScore(card, hits).items as unknown as unknown[]).push({ itemId: 'x' })).toThrow(TypeError);
  });
});
