import { describe, expect, it } from 'vitest';
import { agreementByItem, agreementPairs, type Override } from '../../../src/qa/agreement';

describe('agreementPairs', () => {
  it('pairs every item AutoQA judged with the reviewer’s outcome, leaving out manual items', () => {
    const auto = [
      { itemId: 'greeting', outcome: 'pass' as const },
      { itemId: 'solution', outcome: 'fail' as const },
      { itemId: 'expression', outcome: null },
      { itemId: 'reply_speed', outcome: 'na' as const },
    ];
    const reviewer = [
      { itemId: 'greeting', outcome: 'pass' as const },
      { itemId: 'solution', outcome: 'pass' as const },
      { itemId: 'expression', outcome: 'fail' as const },
      { itemId: 'reply_speed', outcome: 'na' as const },
    ];
    expect(agreementPairs(auto, reviewer)).toEqual([
      { itemId: 'greeting', auto: 'pass', reviewer: 'pass' },
      { itemId: 'solution', auto: 'fail', reviewer: 'pass' },
      { itemId: 'reply_speed', auto: 'na', reviewer: 'na' },
    ]);
  });

  it('has nothing to pair without an AutoQA result or without the reviewer’s item', () => {
    expect(agreementPairs([], [{ itemId: 'greeting', outcome: 'pass' }])).toEqual([]);
    expect(agreementPairs([{ itemId: 'greeting', outcome: 'pass' }], [])).toEqual([]);
  });
});

describe('agreementByItem', () => {
  const names = { greeting: { 'zh-CN': '开头语', en: 'Greeting' }, solution: { 'zh-CN': '方案提供', en: 'Solution' } };
  const override = (itemId: string, reviewId: string, submittedAt: number): Override => ({ itemId, conversationId: `c-${reviewId}`, reviewId, auto: 'fail', reviewer: 'pass', submittedAt });

  it('gives the share kept and the latest overrides per item, in the scorecard’s order', () => {
    const items = agreementByItem(
      [
        { id: 'greeting', name: names.greeting },
        { id: 'solution', name: names.solution },
      ],
      [
        { itemId: 'solution', judged: 3, kept: 1 },
        { itemId: 'greeting', judged: 4, kept: 4 },
      ],
      [override('solution', 'r1', 100), override('solution', 'r2', 200)],
      ['solution'],
    );
    expect(items.map((i) => [i.itemId, i.judged, i.kept, i.keptShare, i.overridden, i.autoOff])).toEqual([
      ['greeting', 4, 4, 1, 0, false],
      ['solution', 3, 1, 0.333, 2, true],
    ]);
    expect(items[1]!.overrides.map((o) => o.reviewId)).toEqual(['r2', 'r1']);
  });

  it('keeps an item with figures that is no longer on the scorecard, and has no share without figures', () => {
    const items = agreementByItem([{ id: 'greeting', name: names.greeting }], [{ itemId: 'old_item', judged: 2, kept: 1 }], [], []);
    expect(items).toMatchObject([
      { itemId: 'greeting', judged: 0, keptShare: null, overrides: [] },
      { itemId: 'old_item', name: null, judged: 2, keptShare: 0.5 },
    ]);
  });

  it('shows at most the given number of overrides per item', () => {
    const many = Array.from({ length: 30 }, (_, i) => override('solution', `r${i}`, i));
    expect(agreementByItem([{ id: 'solution', name: names.solution }], [{ itemId: 'solution', judged: 30, kept: 0 }], many, [], 20)[0]!.overrides).toHaveLength(20);
  });
});
