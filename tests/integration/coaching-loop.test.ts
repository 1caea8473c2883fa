import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { getDb } from '../../src/db/client';
import { serviceStarsReport } from '../../src/services/coaching-reports';
import { FULL_SCOPE } from '../../src/services/coaching-scope';
import { call, expectError } from '../helpers/api';
import { buildHistory, DAYS } from '../helpers/coaching-history';
import { PLAN } from './coaching-plan';
import { storeDb } from '../helpers/stores';

const [D1, D2, D3, D4] = DAYS;
let h: Awaited<ReturnType<typeof buildHistory>>;

const get = async (path: string, token: string) => {
  const res = await call('GET', path, { token });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
  return res.json;
};
const cardOf = async (token: string, agentId: string, date: string) => {
  const list = await get(`/v1/cards?date=${date}&agentId=${agentId}`, h.apiKey);
  return list.data[0] ? get(`/v1/cards/${list.data[0].id}`, token) : null;
};

beforeAll(async () => {
  // 阿杰's reviews of the last day are left to do: his card for it waits.
  h = await buildHistory(PLAN, { leavePending: { key: 'ajie', date: D4 } });
  await call('POST', '/v1/agents', { token: h.apiKey, body: { name: '新人小林', team: 'pre', hiredAt: D1 } });
}, 120_000);

describe('cards over a multi-day history (ingest → sample → review → card)', () => {
  it('makes each agent’s card as their last review of the day is submitted, praise first, facts quoted', async () => {
    const card = await cardOf(h.apiKey, h.ids.xiaomei, D2);
    expect(card.summary).toMatchObject({ reviews: 2, averageScore: 70, previousAverage: 78.3, previousDate: D1, trend: 'down' });
    expect(card.praise.kind).toBe('best_item');
    expect(card.improvements.map((i: { itemId: string }) => i.itemId)).toEqual(['greeting', 'greeting', 'closing', 'closing', 'solution', 'solution', 'expression', 'expression']);
    const greeting = card.improvements[0];
    // The reviewer pointed at the agent's reply: the card quotes it, names the item in words, and says it was on an earlier card.
    expect(greeting.quote).toMatchObject({ text: '亲，您好，L码有货的', fromCustomer: false });
    expect(greeting.itemName).toEqual({ 'zh-CN': '开头语', en: 'Greeting' });
    expect(greeting.repeat).toBe(true);
    expect(greeting.text['zh-CN']).toMatch(/^你的回复「亲，您好，L码有货的」：「开头语」未达标。质检员备注：greeting 未达标。更好的做法：第一句先问候/);
    expect(card.close.text.en).toBe("Your average was 70, 8.3 below last time. Work on the points above and the next one will be better. You've got this!");
    const text = JSON.stringify(card);
    for (const other of ['阿杰', 'Olivia', '新人小林']) expect(text).not.toContain(other);
  });

  it('gives a card of praise to an agent with only good reviews, led by their good example', async () => {
    const card = await cardOf(h.apiKey, h.ids.ajie, D1);
    expect(card).toMatchObject({ allPraise: true, improvements: [], praise: { kind: 'good_example' } });
    expect(card.praise.text['zh-CN']).toMatch(/^做得好！质检员把你的一段对话（\d+(\.\d)? 分）选为团队的优秀案例。/);
    expect(card.praise.quote?.text).toBeTruthy();
  });

  it('makes no card without submitted reviews, and says why in the lead’s view', async () => {
    const cards = await get(`/v1/cards?date=${D4}`, h.tokens.leadPre);
    expect(cards.data.map((c: { agentName: string }) => c.agentName)).toEqual(['小美']);
    expectError(await call('GET', `/v1/cards?date=${D4}&from=${D1}`, { token: h.tokens.leadPre }), 400, 'invalid_request', 'date');
    const why = Object.fromEntries(cards.missing.map((m: { agentName: string; reason: string; pendingReviews: number }) => [m.agentName, [m.reason, m.pendingReviews]]));
    expect(why).toEqual({ 阿杰: ['reviews_pending', 2], 新人小林: ['not_active', 0] });
    const team = await get(`/v1/coaching/team?date=${D4}`, h.tokens.leadPre);
    const ajie = team.agents.find((a: { name: string }) => a.name === '阿杰');
    expect(ajie).toMatchObject({ card: null, noCardReason: 'reviews_pending', pendingReviews: 2, sampled: 2, quota: 5 });
    expect(ajie.noCardText.en).toBe('2 reviews are still to be done; the card follows once they are in.');
    const forced = await call('POST', '/v1/jobs/cards', { token: h.apiKey, body: { date: D4, force: true } });
    expect(forced.json).toMatchObject({ generated: 0, skipped: [{ agentId: h.ids.ajie, reason: 'reviews_pending', pendingReviews: 2 }] });
  });

  it('waits for all of an agent’s reviews, then at the store’s card hour makes the card from those that are in', async () => {
    const qa = h.tokens.qa;
    const pending = (await get(`/v1/reviews?status=pending&date=${D4}`, qa)).data;
    const first = (await get(`/v1/reviews/${pending[0].id}`, qa)).items.map((i: { itemId: string }) => ({ itemId: i.itemId, outcome: 'pass' }));
    expect((await call('POST', `/v1/reviews/${pending[0].id}/submit`, { token: qa, body: { items: first } })).status).toBe(200);
    expect(await cardOf(h.apiKey, h.ids.ajie, D4)).toBeNull();
    // 18:00 in Shanghai on Friday the 20th: the store's card hour (default 18) for the 19th.
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ cron: '0 * * * *', scheduledTime: Date.UTC(2026, 10, 20, 10, 0) }), env, ctx);
    await waitOnExecutionContext(ctx);
    let card = null;
    for (let i = 0; i < 100 && !card; i++) {
      card = await cardOf(h.apiKey, h.ids.ajie, D4);
      if (!card) await new Promise((r) => setTimeout(r, 100));
    }
    expect(card).toMatchObject({ summary: { reviews: 1 }, allPraise: true });
  });

  it('is idempotent: running the cards job again changes nothing', async () => {
    const before = await (await storeDb(h.storeId)).prepare('select id, generated_at from coaching_cards where store_id = ? order by id').bind(h.storeId).all();
    const again = await call('POST', '/v1/jobs/cards', { token: h.apiKey, body: { date: D2 } });
    expect(again.json).toMatchObject({ generated: 0, updated: 0, flagged: [], tasksOpened: 0 });
    expect((await (await storeDb(h.storeId)).prepare('select id, generated_at from coaching_cards where store_id = ? order by id').bind(h.storeId).all()).results).toEqual(before.results);
    expectError(await call('POST', '/v1/jobs/cards', { token: h.apiKey, body: { date: '19.11.2026' } }), 400, 'invalid_request', 'date');
    // A day still running has no reviews yet (its sample is drawn after it ends): refused as by the daily job.
    expectError(await call('POST', '/v1/jobs/cards', { token: h.apiKey, body: { date: '2099-01-01', force: true } }), 400, 'invalid_request', 'date');
  });
});

describe('flags', () => {
  it('flags two low days in a row as unstable — the flag the sampler reads — with a 1:1 task and the boosted quota next day', async () => {
    const quota = (date: string, agentId: string) => (h.samples[date] as { agents: { agentId: string; quota: number }[] }).agents.find((a) => a.agentId === agentId)?.quota;
    expect([quota(D1, h.ids.xiaomei), quota(D2, h.ids.xiaomei), quota(D3, h.ids.xiaomei)]).toEqual([5, 5, 10]);
    const tasks = (await get('/v1/coaching/tasks', h.tokens.leadPre)).data;
    expect(tasks).toEqual([expect.objectContaining({ agentName: '小美', reason: 'low_scores', date: D2, status: 'open' })]);
    expect(tasks[0].reasonText['zh-CN']).toBe('连续 2 天质检平均分低于 80 分');
  });

  it('flags any critical failure at once, and clears an agent back above the threshold on two reviewed days', async () => {
    const quota = (date: string, agentId: string) => (h.samples[date] as { agents: { agentId: string; quota: number }[] }).agents.find((a) => a.agentId === agentId)?.quota;
    expect(quota(D4, h.ids.olivia)).toBe(10);
    const roster = Object.fromEntries((await get('/v1/agents', h.apiKey)).data.map((a: { name: string; unstable: boolean }) => [a.name, a.unstable]));
    // 小美: 100 on day 3 and 97.5 on day 4, cleared; Olivia: the taboo of day 3 keeps her flagged.
    expect(roster).toMatchObject({ 小美: false, 阿杰: false, 'Olivia Chen': true });
    const audit = (await get('/v1/audit?entityType=agent', h.tokens.manager)).data;
    expect(audit.map((e: { entityId: string; after: { unstable: boolean } }) => [e.entityId, e.after.unstable]).reverse()).toEqual([
      [h.ids.xiaomei, true],
      [h.ids.olivia, true],
      [h.ids.xiaomei, false],
    ]);
    const after = await get(`/v1/coaching/team?date=${D4}`, h.tokens.leadAfter);
    expect(after.agents).toEqual([expect.objectContaining({ name: 'Olivia Chen', flags: { newHire: false, unstable: true, excellent: false }, unstableReason: expect.objectContaining({ kind: 'critical', since: D3 }) })]);
    expect(after.agents[0].openTask).not.toBeNull();
  });

  it('lets the lead close a 1:1 task with a note, once', async () => {
    const [task] = (await get('/v1/coaching/tasks?status=open', h.tokens.leadAfter)).data;
    const done = await call('POST', `/v1/coaching/tasks/${task.id}/done`, { token: h.tokens.leadAfter, body: { note: '一起复盘了引流的风险' } });
    expect(done.json).toMatchObject({ status: 'done', note: '一起复盘了引流的风险', doneBy: { role: 'lead', sub: 'lead-after' } });
    expectError(await call('POST', `/v1/coaching/tasks/${task.id}/done`, { token: h.tokens.leadAfter, body: { note: 'again' } }), 409, 'conflict');
    expectError(await call('POST', `/v1/coaching/tasks/${task.id}/done`, { token: h.tokens.leadPre, body: { note: 'not my team' } }), 404, 'not_found');
    expectError(await call('POST', `/v1/coaching/tasks/${task.id}/done`, { token: h.tokens.leadAfter, body: { note: '' } }), 400, 'invalid_request', 'note');
  });

  it('lets a manager keep the excellent list and flag by hand, audited, with the new-hire flag from the hire date', async () => {
    const newcomer = (await get('/v1/agents', h.apiKey)).data.find((a: { name: string }) => a.name === '新人小林');
    const res = await call('PATCH', `/v1/coaching/agents/${h.ids.ajie}/flags`, { token: h.tokens.manager, body: { excellent: true, reason: '连续满分' } });
    expect(res.json).toEqual({ agentId: h.ids.ajie, flags: { newHire: false, unstable: false, excellent: true } });
    const team = await get(`/v1/coaching/team?date=${D4}`, h.tokens.leadPre);
    expect(team.agents.find((a: { name: string }) => a.name === '新人小林').flags).toEqual({ newHire: true, unstable: false, excellent: false });
    expect(newcomer.excellent).toBe(false);
    expectError(await call('PATCH', `/v1/coaching/agents/${h.ids.ajie}/flags`, { token: h.tokens.leadPre, body: { excellent: false } }), 403, 'forbidden');
  });
});

describe('follow-up figures', () => {
  it('repeat-error rate by agent and item for the week', async () => {
    const r = await get(`/v1/reports/repeat-errors?period=week&date=${D2}`, h.tokens.manager);
    expect(r).toMatchObject({ period: 'week', from: '2026-11-16', to: '2026-11-22' });
    // 小美's four items from day 1's card: failed twice each on day 2 (8 of 8), passed on days 3–4 (0 of 20).
    expect(r.byAgent).toEqual([
      { agentId: h.ids.xiaomei, agentName: '小美', checks: 28, repeats: 8, rate: 0.286 },
      { agentId: h.ids.olivia, agentName: 'Olivia Chen', checks: 1, repeats: 0, rate: 0 },
    ]);
    expect(r.byItem.find((i: { itemId: string }) => i.itemId === 'greeting')).toEqual({ itemId: 'greeting', itemName: { 'zh-CN': '开头语', en: 'Greeting' }, checks: 7, repeats: 2, rate: 0.286 });
    const day = await get(`/v1/reports/repeat-errors?period=day&date=${D2}`, h.tokens.leadPre);
    expect(day.total).toEqual({ checks: 8, repeats: 8, rate: 1 });
    const lead = await get(`/v1/reports/repeat-errors?period=month&date=${D2}`, h.tokens.leadAfter);
    expect(lead.byAgent.map((a: { agentName: string }) => a.agentName)).toEqual(['Olivia Chen']);
  });

  it('coaching effectiveness per item: failure rate after the card against before', async () => {
    const r = await get(`/v1/reports/coaching-effectiveness?from=${D1}&to=${D4}`, h.tokens.manager);
    const greeting = r.items.find((i: { itemId: string }) => i.itemId === 'greeting');
    expect(greeting).toMatchObject({ agents: 1, before: { checks: 3, failures: 3, rate: 1 }, after: { checks: 7, failures: 2, rate: 0.286 }, change: -0.714 });
    expect(greeting.itemName.en).toBe('Greeting');
    expectError(await call('GET', `/v1/reports/coaching-effectiveness?from=${D4}&to=${D1}`, { token: h.tokens.manager }), 400, 'invalid_request', 'to');
  });

  it('service stars of the month, with a minimum number of reviews', async () => {
    const r = await get('/v1/reports/service-stars?month=2026-11&minReviews=5', h.tokens.manager);
    expect(r.stars.map((s: { agentName: string; average: number; reviews: number }) => [s.agentName, s.average, s.reviews])).toEqual([
      ['阿杰', 100, 6],
      ['小美', 87, 10],
      ['Olivia Chen', 83.3, 6],
    ]);
    const lead = await get('/v1/reports/service-stars?month=2026-11&minReviews=5', h.tokens.leadPre);
    expect(lead.stars.map((s: { agentName: string }) => s.agentName)).toEqual(['阿杰', '小美']);
    expectError(await call('GET', '/v1/reports/service-stars?month=2026-13', { token: h.tokens.manager }), 400, 'invalid_request', 'month');
  });

  it('service stars without a bar given: the month’s own bar once it is over, the days so far while under way', async () => {
    // November is over (the real clock): the store's bar of 10 holds, which only 小美's 10 reviews reach.
    const over = await get('/v1/reports/service-stars?month=2026-11', h.tokens.manager);
    expect(over).toMatchObject({ through: '2026-11-30', minReviews: 10 });
    expect(over.stars.map((s: { agentName: string }) => s.agentName)).toEqual(['小美']);
    // On 18 November (Shanghai) the month so far is 17 days: ceil(10 × 17 / 30) = 6 reviews.
    const db = getDb(await storeDb(h.storeId));
    const underWay = await serviceStarsReport(db, h.storeId, FULL_SCOPE, { month: '2026-11' }, Date.parse('2026-11-18T04:00:00Z'));
    expect(underWay).toMatchObject({ through: '2026-11-17', minReviews: 6 });
    expect(underWay.stars.map((s) => s.agentName)).toEqual(['阿杰', '小美', 'Olivia Chen']);
    // A month not begun asks the whole bar; one given outright is kept.
    expect(await serviceStarsReport(db, h.storeId, FULL_SCOPE, { month: '2026-12' }, Date.parse('2026-11-18T04:00:00Z'))).toMatchObject({ through: null, minReviews: 10, stars: [] });
    expect(await serviceStarsReport(db, h.storeId, FULL_SCOPE, { month: '2026-11', minReviews: 7 }, Date.parse('2026-11-18T04:00:00Z'))).toMatchObject({ minReviews: 7 });
  });

  it('my trend: 30 local days of my own average against my team’s, naming no one', async () => {
    // Naming someone else is refused, as on every list an agent reads; naming herself is the same as not.
    expectError(await call('GET', `/v1/coaching/trend?to=${D4}&agentId=${h.ids.ajie}`, { token: h.tokens.xiaomei }), 404, 'not_found');
    expect(await get(`/v1/coaching/trend?to=${D4}&agentId=${h.ids.xiaomei}`, h.tokens.xiaomei)).toEqual(await get(`/v1/coaching/trend?to=${D4}`, h.tokens.xiaomei));
    const t = await get(`/v1/coaching/trend?to=${D4}`, h.tokens.xiaomei);
    expect(t).toMatchObject({ agentId: h.ids.xiaomei, teamName: 'pre', from: '2026-10-21', to: D4, own: { average: 87, reviews: 10 } });
    expect(t.days).toHaveLength(30);
    expect(t.days.slice(-4)).toEqual([
      { date: D1, score: 78.3, reviews: 3, teamScore: 87 },
      { date: D2, score: 70, reviews: 2, teamScore: 85 },
      { date: D3, score: 100, reviews: 3, teamScore: 100 },
      { date: D4, score: 97.5, reviews: 2, teamScore: 98.3 },
    ]);
    expect(JSON.stringify(t)).not.toContain('阿杰');
    expectError(await call('GET', `/v1/coaching/trend?agentId=${h.ids.xiaomei}`, { token: h.tokens.leadAfter }), 404, 'not_found');
  });

  it('QA sees the queue’s progress per day', async () => {
    const p = await get(`/v1/reviews/progress?from=${D1}&to=${D4}`, h.tokens.qa);
    expect(p.data).toEqual([
      { date: D4, total: 5, done: 4, todo: 1 },
      { date: D3, total: 6, done: 6, todo: 0 },
      { date: D2, total: 6, done: 6, todo: 0 },
      { date: D1, total: 6, done: 6, todo: 0 },
    ]);
  });
});

describe('what an agent reads of others’ words', () => {
  it('a reviewer’s comment and a lead’s reply name no colleague to the agent, as on the card; the lead reads them as written', async () => {
    const qa = h.tokens.qa;
    const [last] = (await get(`/v1/reviews?status=pending&date=${D4}`, qa)).data;
    const review = await get(`/v1/reviews/${last.id}`, qa);
    const reply = review.conversation.messages.find((m: { role: string }) => m.role === 'agent');
    const items = review.items.map((i: { itemId: string }) =>
      i.itemId === 'greeting' ? { itemId: 'greeting', outcome: 'fail', comment: '开头语不如小美和 Olivia Chen 热情', messageId: reply.id } : { itemId: i.itemId, outcome: 'pass' },
    );
    const submitted = await call('POST', `/v1/reviews/${last.id}/submit`, { token: qa, body: { items, comment: 'Compare with Olivia Chen’s greeting' } });
    expect(submitted.status).toBe(200);

    const mine = await get(`/v1/reviews/${last.id}`, h.tokens.ajie);
    expect(mine.items.find((i: { itemId: string }) => i.itemId === 'greeting').comment).toBe('开头语不如同事和 同事 热情');
    expect(mine.comment).toBe('Compare with a colleague’s greeting');
    const leads = await get(`/v1/reviews/${last.id}`, h.tokens.leadPre);
    expect(leads.items.find((i: { itemId: string }) => i.itemId === 'greeting').comment).toBe('开头语不如小美和 Olivia Chen 热情');

    const opened = await call('POST', '/v1/disputes', { token: h.tokens.ajie, body: { reviewId: last.id, itemId: 'greeting', reason: '我先问候了' } });
    expect(opened.status).toBe(201);
    expect(opened.json.reviewerComment).toBe('开头语不如同事和 同事 热情');
    const rejected = await call('POST', `/v1/disputes/${opened.json.id}/resolve`, { token: h.tokens.leadPre, body: { decision: 'reject', reply: '小美会先叫“亲”再问候' } });
    expect(rejected.json).toMatchObject({ reviewerComment: '开头语不如小美和 Olivia Chen 热情', reply: '小美会先叫“亲”再问候' });

    const seen = await get(`/v1/disputes/${opened.json.id}`, h.tokens.ajie);
    expect(seen).toMatchObject({ reviewerComment: '开头语不如同事和 同事 热情', reply: '同事会先叫“亲”再问候' });
    expect(seen.outcomeText['zh-CN']).toBe('申诉未采纳，评分不变。回复：同事会先叫“亲”再问候');
    expect((await get(`/v1/disputes?agentId=${h.ids.ajie}`, h.tokens.ajie)).data[0].reply).toBe('同事会先叫“亲”再问候');
    const card = await cardOf(h.tokens.ajie, h.ids.ajie, D4);
    const disputed = card.improvements.find((i: { reviewId: string }) => i.reviewId === last.id);
    expect(disputed.dispute).toMatchObject({ status: 'rejected', reply: '同事会先叫“亲”再问候' });
    expect(JSON.stringify(card)).not.toMatch(/小美|Olivia/);
  });
});
