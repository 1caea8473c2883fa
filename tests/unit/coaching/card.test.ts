import { describe, expect, it } from 'vitest';
import { buildCard, rescoredCard } from '../../../src/coaching/card';
import { DEFAULT_SUGGESTIONS } from '../../../src/coaching/suggestions';
import { input, quote, review } from './fixtures';

const fail = (comment: string, q: ReturnType<typeof quote> | null = null) => ({ outcome: 'fail' as const, comment, quote: q });

describe('a coaching card, in zh-CN and en', () => {
  const card = buildCard(
    input([
      review('r2', 70, { polite_language: fail('用了禁语', quote('m5', '不知道，你自己看')), closing: fail('没有结束语') }),
      review('r1', 95, { greeting: fail('第一句没有问候', quote('m1', '有的，L码有货')) }),
    ]),
  );

  it('puts praise first, then each improvement in the day’s order and the scorecard’s, then the close', () => {
    expect(card.praise.kind).toBe('best_item');
    expect(card.improvements.map((i) => i.key)).toEqual(['r1:greeting', 'r2:polite_language', 'r2:closing']);
    expect(card.allPraise).toBe(false);
    expect(card.summary).toMatchObject({ reviews: 2, averageScore: 82.5, trend: 'first' });
    expect(card.close.text['zh-CN']).toBe('本次平均 82.5 分。这是你的第一张辅导卡，期待你下一次的表现！');
    expect(card.close.text.en).toBe('Your average was 82.5. This is your first coaching card; looking forward to the next one!');
  });

  it('states each improvement as the quoted fact, the item in words and a better way', () => {
    const polite = card.improvements[1]!;
    expect(polite.text['zh-CN']).toBe(`你的回复「不知道，你自己看」：「服务用语」未达标。质检员备注：用了禁语。更好的做法：${DEFAULT_SUGGESTIONS.polite_language!['zh-CN']}`);
    expect(polite.text.en).toBe(`You wrote “不知道，你自己看”: Polite language was not met. Reviewer's note: 用了禁语. A better way: ${DEFAULT_SUGGESTIONS.polite_language!.en}`);
    expect(polite.quote).toMatchObject({ messageId: 'm5', text: '不知道，你自己看', fromCustomer: false });
    expect(polite.itemName).toEqual({ 'zh-CN': '服务用语', en: 'Polite language' });
    // Without a quoted message the fact is the item and the reviewer's note; no rule or item id appears.
    const closing = card.improvements[2]!;
    expect(closing.text['zh-CN']).toBe(`这次会话中「结束语」未达标。质检员备注：没有结束语。更好的做法：${DEFAULT_SUGGESTIONS.closing!['zh-CN']}`);
    // Items and rules are words, never snake_case codes.
    for (const i of card.improvements) for (const text of Object.values(i.text)) expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  });

  it('puts one item failed in several conversations together, in the day’s order, and counts it as one point in the close', () => {
    const c = buildCard(
      input(
        [
          review('r1', 80, { greeting: fail('没有问候', quote('m1', '有的')), closing: fail('没有结束语') }),
          review('r2', 85, { greeting: fail('还是没有问候', quote('m7', '在的')) }),
        ],
        { previous: { date: '2026-11-20', average: 90 } },
      ),
    );
    expect(c.improvements.map((i) => i.key)).toEqual(['r1:greeting', 'r2:greeting', 'r1:closing']);
    // Two items to work on (greeting twice is one): "these points".
    expect(c.close.text['zh-CN']).toContain('把上面这几点做好');
    const once = buildCard(input([review('r1', 80, { greeting: fail('没有问候') }), review('r2', 85, { greeting: fail('还是没有问候') })], { previous: { date: '2026-11-20', average: 90 } }));
    expect(once.improvements).toHaveLength(2);
    expect(once.close.text['zh-CN']).toContain('把上面这一点做好');
    expect(once.close.text.en).toContain('Work on the point above');
  });

  it('praises the best item passed in every review', () => {
    // Product knowledge (10 points, business 50%) passed in both reviews: the heaviest item never failed.
    expect(card.praise).toMatchObject({ itemId: 'product_knowledge', itemName: { en: 'Product knowledge' } });
    expect(card.praise.text['zh-CN']).toBe('做得好！「产品知识」在 2 次质检中全部达标。');
    expect(card.praise.text.en).toBe('Well done! Product knowledge was right in all 2 reviewed conversations.');
  });

  it('quotes the customer when the finding is an unanswered question', () => {
    const c = buildCard(input([review('r1', 80, { accuracy: fail('漏答', quote('m9', '能开发票吗？', true)) })]));
    expect(c.improvements[0]!.text['zh-CN']).toMatch(/^顾客的消息「能开发票吗？」：「准确完整」未达标。/);
    expect(c.improvements[0]!.text.en).toMatch(/^The customer wrote “能开发票吗？”: Accuracy & completeness was not met\./);
  });

  it('never names another agent: names in comments and quotes become "a colleague"', () => {
    const c = buildCard(input([review('r1', 60, { solution: fail('应该像王强那样推荐', quote('m2', '这个问题你问 Olivia Chen 吧')) })]));
    const text = JSON.stringify(c);
    expect(text).not.toContain('王强');
    expect(text).not.toContain('Olivia Chen');
    expect(c.improvements[0]!.text['zh-CN']).toContain('应该像同事那样推荐');
    expect(c.improvements[0]!.text.en).toContain("Reviewer's note: 应该像a colleague那样推荐");
    expect(c.improvements[0]!.quote!.text).toBe('这个问题你问 同事 吧');
    expect(c.improvements[0]!.quote!.span).toBeNull();
  });

  it('marks an improvement on an item from an earlier card as a repeat, and says so', () => {
    const c = buildCard(input([review('r1', 80, { greeting: fail('没有问候') })], { earlierFeedback: new Set(['greeting']) }));
    expect(c.improvements[0]!.repeat).toBe(true);
    expect(c.improvements[0]!.text['zh-CN']).toMatch(/（之前的辅导卡也提到过这一项。）$/);
    expect(c.improvements[0]!.text.en).toMatch(/\(This item was on an earlier card too\.\)$/);
  });

  it("uses the store's own suggestion for an item when it has one", () => {
    const own = { 'zh-CN': '先说「亲，您好」', en: 'Start with "Hello there"' };
    const c = buildCard(input([review('r1', 80, { greeting: fail('没有问候') })], { suggestions: { greeting: own } }));
    expect(c.improvements[0]!.suggestion).toEqual(own);
    expect(c.improvements[0]!.text.en).toContain('A better way: Start with "Hello there"');
  });

  it('counts a partial deduction as an improvement', () => {
    const c = buildCard(input([review('r1', 90, { expression: { outcome: 'pass', points: 6, comment: '表达有点生硬' } })]));
    expect(c.improvements.map((i) => i.itemId)).toEqual(['expression']);
  });
});

describe('the all-praise card', () => {
  it('is praise and an encouraging close only, with the trend against the previous card', () => {
    const c = buildCard(input([review('r1', 100), review('r2', 96)], { previous: { date: '2026-11-20', average: 90 } }));
    expect(c.allPraise).toBe(true);
    expect(c.improvements).toEqual([]);
    expect(c.praise.text['zh-CN']).toBe('做得好！「产品知识」在 2 次质检中全部达标。这一天被抽检的会话全部达标，没有需要改进的地方。');
    expect(c.praise.text.en).toBe('Well done! Product knowledge was right in all 2 reviewed conversations. Every reviewed conversation met the standard: nothing to improve this time.');
    expect(c.summary).toMatchObject({ trend: 'up', previousAverage: 90, previousDate: '2026-11-20' });
    expect(c.close.text['zh-CN']).toBe('本次平均 98 分，比上次提高了 8 分，进步很明显，继续保持！');
    expect(c.close.text.en).toBe('Your average was 98, up 8 from last time. Great progress, keep it up!');
  });

  it('praises a conversation a reviewer marked as a good example first, quoting the agent', () => {
    const c = buildCard(input([review('r1', 92, {}, { goodExample: true, praiseQuote: quote('m3', '根据您的身高体重，建议选L码') }), review('r2', 100)]));
    expect(c.praise).toMatchObject({ kind: 'good_example', reviewId: 'r1' });
    expect(c.praise.quote).toMatchObject({ messageId: 'm3', text: '根据您的身高体重，建议选L码' });
    // The quote is shown beside the text, not repeated in it.
    expect(c.praise.text['zh-CN']).toMatch(/^做得好！质检员把你的一段对话（92 分）选为团队的优秀案例。/);
    expect(c.praise.text.en).toMatch(/^Well done! A reviewer chose one of your conversations \(92 points\) as a good example for the team\./);
    expect(c.praise.text['zh-CN']).not.toContain('根据您的身高体重');
  });

  it('is never made without reviews', () => {
    expect(() => buildCard(input([]))).toThrow();
  });
});

describe('the close', () => {
  it('is encouraging on a lower day, naming the work above', () => {
    const c = buildCard(input([review('r1', 70, { greeting: fail('没有问候') })], { previous: { date: '2026-11-20', average: 85 } }));
    expect(c.summary.trend).toBe('down');
    expect(c.close.text['zh-CN']).toBe('本次平均 70 分，比上次低 15 分。把上面这一点做好，下次一定更好，加油！');
    expect(c.close.text.en).toBe("Your average was 70, 15 below last time. Work on the point above and the next one will be better. You've got this!");
  });
});

describe('a card after an accepted dispute', () => {
  it('takes the re-scored average, trend and close, and keeps every improvement', () => {
    const c = buildCard(input([review('r1', 70, { greeting: fail('没有问候') }), review('r2', 80, { closing: fail('没有结束语') })], { previous: { date: '2026-11-20', average: 75 } }));
    expect(c.summary).toMatchObject({ averageScore: 75, trend: 'flat' });
    // r1's greeting accepted: r1 at 80, one improvement still standing.
    const after = rescoredCard(c, [80, 80], 1);
    expect(after.summary).toMatchObject({ reviews: 2, averageScore: 80, previousAverage: 75, previousDate: '2026-11-20', trend: 'up' });
    expect(after.close.text.en).toBe('Your average was 80, up 5 from last time. Great progress, keep it up!');
    expect(after.improvements).toEqual(c.improvements);
    expect(after.praise).toEqual(c.praise);
  });
});
