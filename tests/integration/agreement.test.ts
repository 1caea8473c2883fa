import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/lib/time';
import { call, createConnection, createTestStore, expectError } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';

type Item = { itemId: string; outcome: 'pass' | 'fail' | 'na' | null; source: string | null };

/** Waits until every listed conversation has its AutoQA result. */
async function scoredAll(apiKey: string, count: number, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await call('GET', '/v1/conversations?status=closed', { token: apiKey });
    const data = list.json.data as { id: string; externalId: string; autoQa: unknown }[];
    if (data.length === count && data.every((c) => c.autoQa)) return data;
    if (Date.now() > deadline) throw new Error('not scored in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const today = () => localDate(Date.now(), 'Asia/Shanghai');
const report = (token: string, from = today(), to = today()) => call('GET', `/v1/reports/autoqa-agreement?from=${from}&to=${to}`, { token });

describe('AutoQA agreement with reviewers', () => {
  it('records AutoQA’s outcome beside the reviewer’s at submission and reports, per item, the share kept and the overrides', async () => {
    const { apiKey } = await createTestStore();
    const connection = await createConnection(apiKey, 'generic');
    await sendGeneric(connection, {
      events: [
        // Answered: solution offered, every question answered.
        ev.message('ok-1', 'o1', 'customer', '这件有L码吗？', 0, 0),
        ev.message('ok-1', 'o2', 'agent', '您好，有的，L码现在有库存', 0, 20),
        ev.closed('ok-1', 2),
        // Only an apology: no solution, the question left unanswered.
        ev.message('bad-1', 'b1', 'customer', '我的快递怎么还没到？', 3, 0),
        ev.message('bad-1', 'b2', 'agent', '抱歉', 3, 20),
        ev.closed('bad-1', 5),
      ],
    });
    await drained(connection.id);
    const conversations = await scoredAll(apiKey, 2);
    const idOf = (external: string) => conversations.find((c) => c.externalId === external)!.id;
    await call('POST', '/v1/reviewers', { token: apiKey, body: { name: 'R1' } });
    expect((await call('POST', '/v1/jobs/daily', { token: apiKey, body: { date: '2026-11-21' } })).json.coverage.selected).toBe(2);
    const reviews = (await call('GET', '/v1/reviews', { token: apiKey })).json.data as { id: string; conversationId: string }[];
    expect(reviews).toHaveLength(2);

    // The reviewer keeps AutoQA's outcomes, except: on the good chat they fail the greeting AutoQA
    // passed; on the bad chat they pass the solution AutoQA failed. Manual items are scored too.
    const prefilled: Record<string, Item[]> = {};
    for (const review of reviews) {
      const detail = (await call('GET', `/v1/reviews/${review.id}`, { token: apiKey })).json as { items: Item[] };
      prefilled[review.conversationId] = detail.items;
      const good = review.conversationId === idOf('ok-1');
      const items = detail.items.map((i) => {
        if (good && i.itemId === 'greeting') return { itemId: i.itemId, outcome: 'fail', comment: '问候太生硬' };
        if (!good && i.itemId === 'solution') return { itemId: i.itemId, outcome: 'pass' };
        const outcome = i.outcome ?? 'pass';
        return outcome === 'fail' ? { itemId: i.itemId, outcome, comment: '同意 AutoQA' } : { itemId: i.itemId, outcome };
      });
      expect((await call('POST', `/v1/reviews/${review.id}/submit`, { token: apiKey, body: { items } })).status).toBe(200);
    }
    const autoOf = (conversation: string, item: string) => prefilled[idOf(conversation)]!.find((i) => i.itemId === item)!.outcome;
    expect(autoOf('ok-1', 'solution')).toBe('pass');
    expect(autoOf('bad-1', 'solution')).toBe('fail');
    expect(autoOf('ok-1', 'greeting')).toBe('pass');
    expect(autoOf('bad-1', 'accuracy')).toBe('fail');
    expect(autoOf('ok-1', 'expression')).toBeNull();

    const res = await report(apiKey);
    expect(res.status).toBe(200);
    expect(res.json.reviews).toBe(2);
    const byItem = new Map((res.json.items as { itemId: string }[]).map((i) => [i.itemId, i as any]));
    expect(byItem.get('solution')).toMatchObject({ judged: 2, kept: 1, keptShare: 0.5, overridden: 1, autoOff: false, name: { 'zh-CN': '方案提供', en: 'Solution / recommendation' } });
    expect(byItem.get('solution').overrides).toEqual([
      { itemId: 'solution', conversationId: idOf('bad-1'), reviewId: reviews.find((r) => r.conversationId === idOf('bad-1'))!.id, auto: 'fail', reviewer: 'pass', submittedAt: expect.any(String) },
    ]);
    expect(byItem.get('greeting')).toMatchObject({ judged: 2, kept: 1, keptShare: 0.5 });
    expect(byItem.get('greeting').overrides.map((o: { conversationId: string; auto: string; reviewer: string }) => [o.conversationId, o.auto, o.reviewer])).toEqual([[idOf('ok-1'), 'pass', 'fail']]);
    expect(byItem.get('accuracy')).toMatchObject({ judged: 2, kept: 2, keptShare: 1, overridden: 0, overrides: [] });
    // Manual items have no AutoQA outcome to agree with.
    expect(byItem.has('expression')).toBe(false);

    // A period without the submissions has the items and no figures.
    const before = await report(apiKey, '2026-01-01', '2026-01-31');
    expect(before.json.reviews).toBe(0);
    expect(before.json.items.find((i: { itemId: string }) => i.itemId === 'solution')).toMatchObject({ judged: 0, keptShare: null, overrides: [] });

    // Switching an item's auto judgement off shows in the report, and AutoQA leaves it to review.
    const patched = await call('PATCH', '/v1/settings', { token: apiKey, body: { autoQaManualItems: ['solution'] } });
    expect(patched.json.autoQaManualItems).toEqual(['solution']);
    expect((await report(apiKey)).json.items.find((i: { itemId: string }) => i.itemId === 'solution').autoOff).toBe(true);
    await sendGeneric(connection, { events: [ev.message('later-1', 'l1', 'customer', '有M码吗？', 10, 0), ev.message('later-1', 'l2', 'agent', '有的', 10, 20), ev.closed('later-1', 12)] });
    await drained(connection.id);
    const later = (await scoredAll(apiKey, 3)).find((c) => c.externalId === 'later-1')!;
    const detail = (await call('GET', `/v1/conversations/${later.id}`, { token: apiKey })).json;
    expect(detail.autoQa.items.find((i: { itemId: string }) => i.itemId === 'solution').outcome).toBeNull();
    expect(detail.autoQa.items.find((i: { itemId: string }) => i.itemId === 'accuracy').outcome).toBe('pass');
  }, 30_000);

  it('is for managers and QA reviewers of the store only, and checks the period', async () => {
    const mine = await createTestStore();
    const theirs = await createTestStore();
    const token = async (body: Record<string, string>) => (await call('POST', '/v1/widget-tokens', { token: mine.apiKey, body })).json.token as string;
    // Widget tokens are minted only for a real reviewer and an existing team.
    const reviewer = (await call('POST', '/v1/reviewers', { token: mine.apiKey, body: { name: 'QA 1' } })).json.id as string;
    await call('POST', '/v1/agents', { token: mine.apiKey, body: { name: 'Pre 1', team: 'pre_sales' } });
    expect((await report(await token({ sub: 'm1', role: 'manager' }))).status).toBe(200);
    expect((await report(await token({ sub: reviewer, role: 'qa' }))).status).toBe(200);
    expectError(await report(await token({ sub: 'l1', role: 'lead', team: 'pre_sales' })), 403, 'forbidden');
    expectError(await call('GET', '/v1/reports/autoqa-agreement?from=2026-11-01&to=2026-11-30'), 401, 'unauthorized');
    // Another store sees only its own (empty) figures.
    expect((await report(theirs.apiKey)).json.reviews).toBe(0);
    expectError(await call('GET', '/v1/reports/autoqa-agreement?to=2026-11-30', { token: mine.apiKey }), 400, 'invalid_request', 'from');
    expectError(await report(mine.apiKey, '2026-11-30', '2026-11-01'), 400, 'invalid_request', 'to');
    expectError(await report(mine.apiKey, '2025-01-01', '2026-11-30'), 400, 'invalid_request', 'to');
    expectError(await report(mine.apiKey, '2026-13-01', '2026-12-01'), 400, 'invalid_request', 'from');
    expectError(await call('PATCH', '/v1/settings', { token: mine.apiKey, body: { autoQaManualItems: ['Not An Id'] } }), 400, 'invalid_request', 'autoQaManualItems.0');
  });
});
