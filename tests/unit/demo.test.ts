import { describe, expect, it } from 'vitest';
import { generateDemoDay, shuffleForDelivery } from '../../src/demo/generator';
import { demoReview, findingFits, OVERRULED, replyFor, weakItems } from '../../src/demo/review-plan';
import { localDayRange } from '../../src/lib/time';

const opts = { seed: 'demo', date: '2026-11-21', timezone: 'Asia/Shanghai' };

describe('generateDemoDay', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(JSON.stringify(generateDemoDay(opts))).toBe(JSON.stringify(generateDemoDay(opts)));
    expect(JSON.stringify(generateDemoDay({ ...opts, seed: 'other' }))).not.toBe(JSON.stringify(generateDemoDay(opts)));
  });

  it('has 20 agents in two teams with a few new hires and two excellent', () => {
    const { agents } = generateDemoDay(opts);
    expect(agents).toHaveLength(20);
    expect(agents.filter((a) => a.team === 'pre_sales')).toHaveLength(10);
    expect(agents.filter((a) => a.newHire).length).toBeGreaterThanOrEqual(3);
    expect(agents.filter((a) => a.newHire).length).toBeLessThanOrEqual(4);
    expect(agents.filter((a) => a.excellent)).toHaveLength(2);
    expect(agents.filter((a) => a.newHire).every((a) => a.hiredAt > '2026-10-22')).toBe(true);
  });

  it('keeps every event within the local day, with unique message and delivery ids', () => {
    const { deliveries } = generateDemoDay(opts);
    const { start, end } = localDayRange(opts.date, opts.timezone);
    const times = deliveries.map((d) => Date.parse(d.event.timestamp));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(start);
    expect(Math.max(...times)).toBeLessThan(end);
    const messageIds = deliveries.filter((d) => d.event.type === 'message.created').map((d) => d.event.data.message_id);
    expect(new Set(messageIds).size).toBe(messageIds.length);
    expect(new Set(deliveries.map((d) => d.id)).size).toBe(deliveries.length);
  });

  it('holds zh-CN and en chats, a few rule breaks and bad ratings', () => {
    const { deliveries, conversations } = generateDemoDay(opts);
    const texts = deliveries.filter((d) => d.event.type === 'message.created').map((d) => String(d.event.data.text));
    expect(texts.some((t) => /微信|WeChat|1391234/.test(t))).toBe(true);
    expect(texts.some((t) => /不知道|don't know/.test(t))).toBe(true);
    expect(texts.some((t) => /^[A-Za-z]/.test(t))).toBe(true);
    const ratings = deliveries.filter((d) => d.event.type === 'conversation.rated').map((d) => d.event.data.rating as { score: number; scale_max: number });
    expect(ratings.some((r) => r.score <= 2 && r.scale_max === 5)).toBe(true);
    expect(conversations).toBeGreaterThan(100);
  });

  it('shuffles with a few redeliveries', () => {
    const { deliveries } = generateDemoDay(opts);
    const shuffled = shuffleForDelivery(deliveries, 's');
    expect(shuffled.length).toBeGreaterThan(deliveries.length);
    expect(new Set(shuffled.map((d) => d.id)).size).toBe(deliveries.length);
  });
});

describe('demoReview', () => {
  const auto = (itemId: string, outcome: 'pass' | 'fail' | 'na') => ({ itemId, outcome, source: 'auto' as const });
  const review = (n: number) =>
    demoReview({
      agentExternalId: 'jd-agent-005',
      agentIndex: 4,
      lang: 'en',
      date: '2026-11-21',
      daysAgo: 1,
      conversationId: `cv_${n}`,
      items: [auto('needs_exploration', 'pass'), auto('soothing', 'fail'), auto('greeting', 'pass'), auto('closing', 'fail'), auto('process_handling', 'na')],
      agentMessages: [{ id: `m_${n}`, text: 'Yes, size M is in stock right now' }],
    });
  const reviews = Array.from({ length: 600 }, (_, n) => review(n));
  const overruled = (itemId: string, auto: 'pass' | 'fail' | 'na') => reviews.filter((r) => r.items.find((i) => i.itemId === itemId)!.outcome !== auto).length / reviews.length;

  it("keeps AutoQA's outcome on most items and overrules some items now and then, as planned", () => {
    expect(overruled('needs_exploration', 'pass')).toBeGreaterThan(OVERRULED.needs_exploration! - 0.06);
    expect(overruled('needs_exploration', 'pass')).toBeLessThan(OVERRULED.needs_exploration! + 0.06);
    expect(overruled('soothing', 'fail')).toBeGreaterThan(0.05);
    expect(overruled('soothing', 'fail')).toBeLessThan(0.2);
    // Items without a rate, and items AutoQA found not applicable, are always kept.
    expect(overruled('greeting', 'pass')).toBe(0);
    expect(overruled('closing', 'fail')).toBe(0);
    expect(overruled('process_handling', 'na')).toBe(0);
    expect(JSON.stringify(review(7))).toBe(JSON.stringify(review(7)));
  });

  it('writes an overruled pass up as a finding with a comment on the reply it is about (here the only one), and an overruled fail as a pass', () => {
    const [n, r] = reviews.map((r, n) => [n, r] as const).find(([, r]) => r.items[0]!.outcome === 'fail')!;
    expect(r.items[0]).toEqual({ itemId: 'needs_exploration', outcome: 'fail', comment: 'Recommended before asking what the customer needs', messageId: `m_${n}` });
    const passed = reviews.find((r) => r.items[1]!.outcome === 'pass')!;
    expect(passed.items[1]).toEqual({ itemId: 'soothing', outcome: 'pass' });
  });

  it('points a finding at the reply its item is about, so the card quotes a message that fits the note', () => {
    const replies = [
      { id: 'a1', text: '亲，您好，有的亲，L码现在还有库存哦' },
      { id: 'a2', text: '今天16点前下单当天发货，一般2-3天到' },
      { id: 'a3', text: '根据您的身高体重，建议选L码，版型偏宽松' },
      { id: 'a4', text: '不客气，祝您购物愉快' },
    ];
    expect(replyFor('closing', replies)).toBe('a4');
    expect(replyFor('risk_awareness', replies)).toBe('a2'); // "做了超出政策的承诺" on the delivery promise
    expect(replyFor('product_knowledge', replies)).toBe('a1'); // the first reply about the size
    expect(replyFor('greeting', replies)).toBe('a1');
    expect(replyFor('process_handling', replies)).toBe('a1'); // nothing about a process: the first reply
    expect(replyFor('risk_awareness', [{ id: 'e1', text: 'We do, delivery takes 3 to 5 days' }, { id: 'e2', text: 'Yes, size M' }])).toBe('e1');
    expect(replyFor('greeting', [])).toBeNull();
  });

  it('fails an item about something (a promise) only in a conversation where the agent said such a thing', () => {
    const agent = Array.from({ length: 40 }, (_, k) => `jd-agent-${String(k + 1).padStart(3, '0')}`).find((id) => weakItems(id).includes('risk_awareness'))!;
    const judged = (text: string) =>
      Array.from({ length: 200 }, (_, n) =>
        demoReview({ agentExternalId: agent, agentIndex: 9, lang: 'en', date: '2026-11-21', daysAgo: 1, conversationId: `cv_${n}`, items: [{ itemId: 'risk_awareness', outcome: null, source: null }], agentMessages: [{ id: 'a1', text }] }),
      ).filter((r) => r.items[0]!.outcome === 'fail').length;
    expect(judged('Yes, size M is in stock right now')).toBe(0);
    expect(judged('We do, delivery takes 3 to 5 days')).toBeGreaterThan(30); // a weak item: ~30%
  });

  it('fails an item about something missing (the shipping time) only where the agent did not say it, AutoQA overruled or not', () => {
    expect(findingFits('proactiveness', [{ text: 'Hello! We do, delivery takes 3 to 5 days' }])).toBe(false);
    expect(findingFits('proactiveness', [{ text: '亲，今天下单明天发货' }])).toBe(false);
    expect(findingFits('proactiveness', [{ text: 'Yes, size M is in stock right now' }])).toBe(true);
    expect(findingFits('risk_awareness', [{ text: 'Yes, size M is in stock right now' }])).toBe(false);
    expect(findingFits('greeting', [])).toBe(true);
    const overruledPasses = (text: string) =>
      Array.from({ length: 600 }, (_, n) =>
        demoReview({ agentExternalId: 'jd-agent-005', agentIndex: 4, lang: 'en', date: '2026-11-21', daysAgo: 1, conversationId: `cv_${n}`, items: [auto('proactiveness', 'pass')], agentMessages: [{ id: 'a1', text }] }),
      ).filter((r) => r.items[0]!.outcome === 'fail').length;
    expect(overruledPasses('Hello! We do, delivery takes 3 to 5 days')).toBe(0);
    expect(overruledPasses('Yes, size M is in stock right now')).toBeGreaterThan(10); // ~5% of 600
  });
});
