import { describe, expect, it } from 'vitest';
import { generateDemoDay, shuffleForDelivery } from '../../src/demo/generator';
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
