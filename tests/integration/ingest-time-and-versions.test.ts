import { describe, expect, it } from 'vitest';
import { call } from '../helpers/api';
import { ev } from '../helpers/generic';
import { platformSetup } from '../helpers/platforms';

const at = (iso: string) => iso;

describe('times far outside reason', () => {
  it('are stored with a warning and never put a conversation at the top of the list', async () => {
    const s = await platformSetup('generic');
    const before = Date.now();
    await s.send(ev.message('conv-normal', 'n1', 'customer', '你好', 0, 5));
    const future = ev.message('conv-9999', 'f1', 'customer', '来自未来', 0, 0);
    future.data.created_at = at('9999-12-31T23:59:59.000Z');
    const past = ev.message('conv-9999', 'f0', 'customer', '来自过去', 0, 0);
    past.data.created_at = at('1999-12-31T23:59:59.000Z');
    await s.send(future);
    await s.send(past);

    const odd = await s.conversation('conv-9999');
    // The messages keep the times the platform sent…
    expect(odd.messages.map((m: { createdAt: string }) => m.createdAt)).toEqual(['1999-12-31T23:59:59.000Z', '9999-12-31T23:59:59.000Z']);
    // …but the conversation is placed at its receipt time, not in year 9999 (nor 1999).
    for (const field of ['openedAt', 'lastMessageAt'] as const) {
      expect(Date.parse(odd[field])).toBeGreaterThanOrEqual(before);
      expect(Date.parse(odd[field])).toBeLessThanOrEqual(Date.now());
    }
    // A conversation opened after it sorts above it: year 9999 does not hold the top of the list.
    const later = ev.message('conv-later', 'l1', 'customer', '稍后', 0, 0);
    later.data.created_at = new Date(Date.now() + 60_000).toISOString();
    await s.send(later);
    await s.conversation('conv-later');
    const list = await call('GET', `/v1/conversations?connectionId=${s.connection.id}`, { token: s.apiKey });
    expect(list.json.data.map((c: { externalId: string }) => c.externalId)).toEqual(['conv-later', 'conv-9999', 'conv-normal']);
    const warnings = (await s.stats()).recentWarnings.map((w: { message: string }) => w.message).join('\n');
    expect(warnings).toContain('message.created f1: time 9999-12-31T23:59:59.000Z is outside reason');
    expect(warnings).toContain('message.created f0: time 1999-12-31T23:59:59.000Z is outside reason');
  });
});

describe('two versions of one message', () => {
  it('keep the later version whatever order they arrive in', async () => {
    const first = await platformSetup('generic');
    const second = await platformSetup('generic');
    const v1 = ev.message('conv-v', 'v-1', 'agent', '价格是99元', 0, 10);
    const v2 = { ...v1, timestamp: '2026-11-21T02:05:00.000Z', data: { ...v1.data, text: '价格是89元' } };
    await first.send(v1);
    await first.send(v2);
    await second.send(v2);
    await second.send(v1);
    for (const s of [first, second]) {
      const conv = await s.conversation('conv-v');
      expect(conv.messages).toHaveLength(1);
      expect(conv.messages[0]).toMatchObject({ text: '价格是89元', createdAt: '2026-11-21T02:00:10.000Z' });
    }
  });
});
