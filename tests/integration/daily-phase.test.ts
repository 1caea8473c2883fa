import { describe, expect, it } from 'vitest';
import { call, createConnection, createTestStore } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';

describe('the daily sample of a chat still open (not scored by AutoQA yet)', () => {
  it('is reviewed on the scorecard of the phase the platform tagged, not on the pre-sales one by default', async () => {
    const store = await createTestStore();
    const connection = await createConnection(store.apiKey, 'generic');
    await call('POST', '/v1/reviewers', { token: store.apiKey, body: { name: '质检甲' } });
    // Two chats left open at the day's end: one tagged after-sales by the platform, one with no tag.
    await sendGeneric(connection, {
      events: [
        ev.opened('after-1', 0, { phase: 'aftersales' }),
        ev.message('after-1', 'a1', 'customer', '我要退货', 0),
        ev.message('after-1', 'a2', 'agent', '好的，您在订单页申请退货即可', 0, 30),
        ev.opened('untagged-1', 5),
        ev.message('untagged-1', 'u1', 'customer', '有货吗？', 5),
        ev.message('untagged-1', 'u2', 'agent', '亲，有的', 5, 30),
      ],
    });
    await drained(connection.id);
    const idOf = async (externalId: string) => (await call('GET', `/v1/conversations?externalId=${externalId}`, { token: store.apiKey })).json.data[0];
    const after = await idOf('after-1');
    expect(after).toMatchObject({ status: 'open', autoQa: null }); // what makes the sampler fall back

    expect((await call('POST', '/v1/jobs/daily', { token: store.apiKey, body: { date: '2026-11-21' } })).status).toBe(201);
    const reviews = (await call('GET', '/v1/reviews', { token: store.apiKey })).json.data as { id: string; conversationId: string }[];
    const phaseOf = async (conversationId: string) => {
      const review = reviews.find((r) => r.conversationId === conversationId)!;
      return (await call('GET', `/v1/reviews/${review.id}`, { token: store.apiKey })).json.scorecard.phase;
    };
    expect(await phaseOf(after.id)).toBe('after_sales');
    expect(await phaseOf((await idOf('untagged-1')).id)).toBe('pre_sales');
  });
});
