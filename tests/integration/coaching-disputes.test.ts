import { sign } from 'hono/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestStore, expectError } from '../helpers/api';
import { buildHistory, DAYS, mint, TZ } from '../helpers/coaching-history';
import { PLAN } from './coaching-plan';
import { storeDb } from '../helpers/stores';
import { localDateTime } from '../../src/lib/time';
import { getDb } from '../../src/db/client';
import { countingD1 } from '../../src/db/counting';
import { getCard } from '../../src/services/cards';

const [D1, D2, , D4] = DAYS;
let h: Awaited<ReturnType<typeof buildHistory>>;
/** 小美's cards of day 2 and day 4, and Olivia's of day 3, as the API key sees them. */
const cards: Record<string, any> = {};

const get = async (path: string, token: string) => {
  const res = await call('GET', path, { token });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
  return res.json;
};
const cardOf = async (agentId: string, date: string, token = h.apiKey) => {
  const list = await get(`/v1/cards?date=${date}&agentId=${agentId}`, h.apiKey);
  return get(`/v1/cards/${list.data[0].id}`, token);
};

beforeAll(async () => {
  h = await buildHistory(PLAN);
  cards.xiaomeiD2 = await cardOf(h.ids.xiaomei, D2);
  cards.xiaomeiD4 = await cardOf(h.ids.xiaomei, D4);
  cards.oliviaD3 = await cardOf(h.ids.olivia, DAYS[2]);
  cards.ajieD1 = await cardOf(h.ids.ajie, D1);
}, 120_000);

describe('disputes', () => {
  let accepted: string;

  it('an agent disputes one failed item of their own review, once', async () => {
    const greeting = cards.xiaomeiD2.improvements[0];
    const mine = await cardOf(h.ids.xiaomei, D2, h.tokens.xiaomei);
    expect(mine.improvements[0]).toMatchObject({ key: greeting.key, disputable: true, dispute: null });
    const res = await call('POST', '/v1/disputes', { token: h.tokens.xiaomei, body: { reviewId: greeting.reviewId, itemId: 'greeting', reason: '我第一句说了您好' } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'open', agentName: '小美', itemName: { 'zh-CN': '开头语', en: 'Greeting' }, scoreBefore: 70, scoreAfter: null, cardId: cards.xiaomeiD2.id, date: D2 });
    accepted = res.json.id;
    // Whoever resolves it reads the reviewer's comment beside the agent's reason.
    expect((await get(`/v1/disputes/${accepted}`, h.tokens.leadPre)).reviewerComment).toBe('greeting 未达标');
    expect((await get('/v1/disputes?status=open', h.apiKey)).data.find((d: { id: string }) => d.id === accepted)).toMatchObject({ reviewerComment: 'greeting 未达标', reason: '我第一句说了您好' });
    expectError(await call('POST', '/v1/disputes', { token: h.tokens.xiaomei, body: { reviewId: greeting.reviewId, itemId: 'greeting', reason: '再说一次' } }), 409, 'conflict');
    // An item that passed, another agent's review, an empty reason, a lead's token: refused.
    expectError(await call('POST', '/v1/disputes', { token: h.tokens.xiaomei, body: { reviewId: greeting.reviewId, itemId: 'taboos', reason: 'x' } }), 400, 'invalid_request', 'itemId');
    const ajieReview = cards.ajieD1.praise.reviewId;
    expectError(await call('POST', '/v1/disputes', { token: h.tokens.xiaomei, body: { reviewId: ajieReview, itemId: 'greeting', reason: 'x' } }), 404, 'not_found');
    expectError(await call('POST', '/v1/disputes', { token: h.tokens.xiaomei, body: { reviewId: greeting.reviewId, itemId: 'closing', reason: ' ' } }), 400, 'invalid_request', 'reason');
    expectError(await call('POST', '/v1/disputes', { token: h.tokens.leadPre, body: { reviewId: greeting.reviewId, itemId: 'closing', reason: 'x' } }), 403, 'forbidden');
    const after = await cardOf(h.ids.xiaomei, D2, h.tokens.xiaomei);
    expect(after.improvements[0]).toMatchObject({ disputable: false, dispute: { status: 'open' } });
  });

  it('accept: the item passes, the score is recomputed on the same scorecard version, and the audit log says who, when, before, after, why', async () => {
    // The store edits its scorecard in the meantime: greeting worth 20 points in version 2.
    const v1 = (await get('/v1/scorecards', h.apiKey)).data.find((s: { phase: string; version: number }) => s.phase === 'pre_sales' && s.version === 1);
    const edited = { phase: v1.phase, criticalMode: v1.criticalMode, categories: v1.categories.map((c: any) => ({ ...c, items: c.items.map((i: any) => (i.id === 'greeting' ? { ...i, maxPoints: 20 } : i)) })) };
    expect((await call('POST', '/v1/scorecards?activate=true', { token: h.apiKey, body: edited })).status).toBe(201);
    expectError(await call('POST', `/v1/disputes/${accepted}/resolve`, { token: h.tokens.leadAfter, body: { decision: 'accept' } }), 404, 'not_found');
    expectError(await call('POST', `/v1/disputes/${accepted}/resolve`, { token: h.tokens.xiaomei, body: { decision: 'accept' } }), 403, 'forbidden');
    const res = await call('POST', `/v1/disputes/${accepted}/resolve`, { token: h.tokens.leadPre, body: { decision: 'accept', reply: '核对过，确实问候了' } });
    expect(res.status).toBe(200);
    // On version 1: etiquette 20 of 25 (was 15), business 30 of 50 → 20 + 30 + 25 = 75.
    expect(res.json).toMatchObject({ status: 'accepted', scoreBefore: 70, scoreAfter: 75, resolvedBy: { role: 'lead', sub: 'lead-pre' } });
    const review = await get(`/v1/reviews/${cards.xiaomeiD2.improvements[0].reviewId}`, h.apiKey);
    expect(review.score).toBe(75);
    expect(review.scorecard.version).toBe(1);
    expect(review.items.find((i: { itemId: string }) => i.itemId === 'greeting')).toMatchObject({ outcome: 'pass' });
    const audit = (await get(`/v1/audit?entityId=${review.id}`, h.tokens.manager)).data;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['dispute_accepted', 'review_submitted']);
    expect(audit[0]).toMatchObject({
      actor: { kind: 'widget', role: 'lead', sub: 'lead-pre' },
      entityType: 'review',
      before: { score: 70, item: { itemId: 'greeting', outcome: 'fail' } },
      after: { score: 75, item: { itemId: 'greeting', outcome: 'pass' }, scorecardVersion: 1, disputeId: res.json.id },
      reason: '我第一句说了您好 / 核对过，确实问候了',
    });
    expect(Date.parse(audit[0].at)).toBeGreaterThan(0);
    expectError(await call('POST', `/v1/disputes/${accepted}/resolve`, { token: h.tokens.manager, body: { decision: 'reject', reply: 'no' } }), 409, 'conflict');
  });

  it('the agent sees the outcome on the card, and the card’s average and close follow the new score', async () => {
    const card = await cardOf(h.ids.xiaomei, D2, h.tokens.xiaomei);
    expect(card.improvements[0].dispute).toMatchObject({ status: 'accepted', scoreBefore: 70, scoreAfter: 75 });
    expect(card.improvements[0].dispute.outcomeText['zh-CN']).toBe('申诉已采纳：该项改为达标，评分 70 → 75。回复：核对过，确实问候了');
    // The day's reviews as they now stand (the accepted one at 75): the card's average is theirs, 5 points
    // over the review count higher than before, and the close says it.
    const scores = (await get(`/v1/reviews?date=${D2}&status=submitted`, h.tokens.xiaomei)).data.map((r: { score: number }) => r.score);
    expect(scores).toContain(75);
    expect(scores).toHaveLength(card.summary.reviews);
    const average = Math.round((scores.reduce((a: number, b: number) => a + b, 0) / scores.length) * 10) / 10;
    const before = cards.xiaomeiD2.summary;
    expect(card.summary.averageScore).toBe(average);
    expect(card.summary.averageScore).toBeCloseTo(before.averageScore + 5 / before.reviews, 0);
    expect(card.summary).toMatchObject({ reviews: before.reviews, previousAverage: before.previousAverage, previousDate: before.previousDate });
    expect(card.close.text['zh-CN']).toContain(`本次平均 ${average} 分`);
    expect(card.close.text.en).toContain(`Your average was ${average}`);
    expect(card.close.text).not.toEqual(cards.xiaomeiD2.close.text);
    // The improvement stays, with its outcome; the list and the lead's view read the same average.
    expect(card.improvements.map((i: { key: string }) => i.key)).toEqual(cards.xiaomeiD2.improvements.map((i: { key: string }) => i.key));
    const listed = (await get(`/v1/cards?date=${D2}&agentId=${h.ids.xiaomei}`, h.tokens.leadPre)).data[0];
    expect(listed.averageScore).toBe(average);
  });

  it('reject: needs a reply, which the agent sees', async () => {
    const polite = cards.xiaomeiD4.improvements[0];
    expect(polite.itemId).toBe('polite_language');
    const opened = await call('POST', '/v1/disputes', { token: h.tokens.xiaomei, body: { reviewId: polite.reviewId, itemId: polite.itemId, reason: '顾客要求看详情页' } });
    expectError(await call('POST', `/v1/disputes/${opened.json.id}/resolve`, { token: h.tokens.qa, body: { decision: 'reject' } }), 400, 'invalid_request', 'reply');
    const res = await call('POST', `/v1/disputes/${opened.json.id}/resolve`, { token: h.tokens.qa, body: { decision: 'reject', reply: '「自己看」属于推诿用语' } });
    expect(res.json).toMatchObject({ status: 'rejected', reply: '「自己看」属于推诿用语', scoreAfter: null, resolvedBy: { role: 'qa' } });
    const card = await cardOf(h.ids.xiaomei, D4, h.tokens.xiaomei);
    expect(card.improvements[0].dispute.outcomeText.en).toBe('Dispute not accepted; the score stands. Reply: 「自己看」属于推诿用语');
    expect((await get(`/v1/reviews/${polite.reviewId}`, h.apiKey)).score).toBe(95);
    const list = await get('/v1/disputes', h.tokens.leadPre);
    expect(list.data.map((d: { status: string }) => d.status).sort()).toEqual(['accepted', 'rejected']);
    expect((await get('/v1/disputes?status=open', h.tokens.qa)).data).toEqual([]);
  });

  it("an agent's card reads the roster (to hide colleagues' names) only when a reply could name one", async () => {
    const queries = async (agentId: string, cardId: string) => {
      const counter = countingD1(await storeDb(h.storeId));
      await getCard(getDb(counter.db), h.storeId, { role: 'agent', sub: `u-${agentId}`, agentId, team: null }, cardId, TZ);
      return counter.count();
    };
    // 小美's card has the rejected dispute with its reply; Olivia's has no dispute.
    expect((await queries(h.ids.xiaomei, cards.xiaomeiD4.id)) - (await queries(h.ids.olivia, cards.oliviaD3.id))).toBe(1);
  });
});

describe('acknowledging a card', () => {
  it('is the agent’s own act, and repeating it changes nothing', async () => {
    expectError(await call('POST', `/v1/cards/${cards.xiaomeiD4.id}/acknowledge`, { token: h.tokens.leadPre }), 403, 'forbidden');
    expectError(await call('POST', `/v1/cards/${cards.xiaomeiD4.id}/acknowledge`, { token: h.tokens.ajie }), 404, 'not_found');
    const res = await call('POST', `/v1/cards/${cards.xiaomeiD4.id}/acknowledge`, { token: h.tokens.xiaomei });
    expect(res.json).toMatchObject({ status: 'acknowledged' });
    expect(cards.xiaomeiD4.acknowledgedAtLocal).toBeNull();
    // The moment also on the store's wall clock, as the widget shows it.
    expect(res.json.acknowledgedAtLocal).toBe(localDateTime(Date.parse(res.json.acknowledgedAt), TZ));
    expect((await get(`/v1/cards/${cards.xiaomeiD4.id}`, h.tokens.leadPre)).acknowledgedAtLocal).toBe(res.json.acknowledgedAtLocal);
    const again = await call('POST', `/v1/cards/${cards.xiaomeiD4.id}/acknowledge`, { token: h.tokens.xiaomei });
    expect(again.json.acknowledgedAt).toBe(res.json.acknowledgedAt);
    const team = await get(`/v1/coaching/team?date=${D4}`, h.tokens.leadPre);
    expect(team.agents.find((a: { name: string }) => a.name === '小美').card).toEqual({ id: cards.xiaomeiD4.id, status: 'acknowledged' });
    expect((await get(`/v1/cards/latest`, h.tokens.xiaomei)).card.id).toBe(cards.xiaomeiD4.id);
  });
});

describe('access', () => {
  it("an agent token reading another agent's card, review, conversation or dispute gets 404", async () => {
    const oliviaDispute = await call('POST', '/v1/disputes', { token: h.tokens.olivia, body: { reviewId: cards.oliviaD3.improvements[0].reviewId, itemId: 'taboos', reason: '发的是店铺客服电话' } });
    expect(oliviaDispute.status).toBe(201);
    const t = h.tokens.xiaomei;
    expectError(await call('GET', `/v1/cards/${cards.ajieD1.id}`, { token: t }), 404, 'not_found');
    expectError(await call('GET', `/v1/reviews/${cards.ajieD1.praise.reviewId}`, { token: t }), 404, 'not_found');
    expectError(await call('GET', `/v1/conversations/${cards.ajieD1.praise.conversationId}`, { token: t }), 404, 'not_found');
    expectError(await call('GET', `/v1/disputes/${oliviaDispute.json.id}`, { token: t }), 404, 'not_found');
    expectError(await call('GET', `/v1/cards?agentId=${h.ids.ajie}`, { token: t }), 404, 'not_found');
    expectError(await call('GET', `/v1/coaching/trend?agentId=${h.ids.ajie}`, { token: h.tokens.leadAfter }), 404, 'not_found');
    // Lists hold only the agent's own.
    const lists = await Promise.all(['/v1/cards', '/v1/disputes', '/v1/reviews', '/v1/conversations'].map((p) => get(p, t)));
    for (const list of lists) expect(list.data.every((x: { agentId: string }) => x.agentId === h.ids.xiaomei)).toBe(true);
    expect(lists[0].data).toHaveLength(4);
  });

  it("a lead outside the agent's team gets 404", async () => {
    const t = h.tokens.leadAfter;
    expectError(await call('GET', `/v1/cards/${cards.xiaomeiD2.id}`, { token: t }), 404, 'not_found');
    expectError(await call('GET', `/v1/reviews/${cards.xiaomeiD2.improvements[0].reviewId}`, { token: t }), 404, 'not_found');
    const xiaomeisDispute = (await get('/v1/disputes', h.tokens.leadPre)).data[0].id;
    expectError(await call('GET', `/v1/disputes/${xiaomeisDispute}`, { token: t }), 404, 'not_found');
    const team = await get('/v1/coaching/team', t);
    expect(team.agents.map((a: { name: string }) => a.name)).toEqual(['Olivia Chen']);
    expect((await get('/v1/cards', t)).data.every((c: { agentName: string }) => c.agentName === 'Olivia Chen')).toBe(true);
  });

  it('expired, tampered and other-store tokens get 401; another store’s valid token gets 404', async () => {
    const secret = (await (await storeDb(h.storeId)).prepare('select embed_secret from stores where id = ?').bind(h.storeId).first<{ embed_secret: string }>())!.embed_secret;
    const now = Math.floor(Date.now() / 1000);
    const claims = { store: h.storeId, sub: 'u-xiaomei', role: 'agent', agent: h.ids.xiaomei, jti: 'j1' };
    const expired = await sign({ ...claims, iat: now - 7200, exp: now - 3600 }, secret, 'HS256');
    const valid = await sign({ ...claims, iat: now, exp: now + 600 }, secret, 'HS256');
    const [head, body, sig] = valid.split('.');
    const tampered = `${head}.${btoa(JSON.stringify({ ...claims, agent: h.ids.ajie, iat: now, exp: now + 600 })).replace(/=+$/, '')}.${sig}`;
    const other = await createTestStore();
    const otherSecret = (await (await storeDb(other.storeId)).prepare('select embed_secret from stores where id = ?').bind(other.storeId).first<{ embed_secret: string }>())!.embed_secret;
    const otherSigned = await sign({ ...claims, iat: now, exp: now + 600 }, otherSecret, 'HS256');
    expect(body).toBeTruthy();
    for (const token of [expired, tampered, otherSigned]) {
      for (const path of [`/v1/cards/${cards.xiaomeiD2.id}`, '/v1/cards/latest', '/v1/coaching/trend', '/v1/me']) expectError(await call('GET', path, { token }), 401, 'unauthorized');
    }
    expect((await call('GET', `/v1/cards/${cards.xiaomeiD2.id}`, { token: valid })).status).toBe(200);
    const theirs = await mint(other.apiKey, { sub: 'boss', role: 'manager' });
    expectError(await call('GET', `/v1/cards/${cards.xiaomeiD2.id}`, { token: theirs }), 404, 'not_found');
    expectError(await call('GET', `/v1/disputes/${(await get('/v1/disputes', h.apiKey)).data[0].id}`, { token: other.apiKey }), 404, 'not_found');
  });

  it('an agent never receives the internal risk number', async () => {
    const t = h.tokens.xiaomei;
    const list = await get('/v1/conversations', t);
    expect(list.data.length).toBeGreaterThan(0);
    for (const c of list.data) expect(Object.keys(c.autoQa)).not.toContain('risk');
    const one = await get(`/v1/conversations/${list.data[0].id}`, t);
    expect(one.autoQa).not.toHaveProperty('risk');
    expect(one.autoQa).not.toHaveProperty('riskFactors');
    const review = await get(`/v1/reviews/${cards.xiaomeiD2.improvements[0].reviewId}`, t);
    expect(review.conversation.autoQa).not.toHaveProperty('risk');
    expect(JSON.stringify(review)).not.toMatch(/"risk(Factors)?"/);
    // A lead still sees it.
    expect((await get(`/v1/conversations/${list.data[0].id}`, h.tokens.leadPre)).autoQa).toHaveProperty('risk');
  });
});

describe('resolving at the same time', () => {
  it('one of two simultaneous resolutions wins, the other is told, and the review is re-scored once', async () => {
    const [open] = (await get('/v1/disputes?status=open', h.tokens.manager)).data;
    expect(open.agentName).toBe('Olivia Chen');
    const [a, b] = await Promise.all([
      call('POST', `/v1/disputes/${open.id}/resolve`, { token: h.tokens.manager, body: { decision: 'accept' } }),
      call('POST', `/v1/disputes/${open.id}/resolve`, { token: h.tokens.qa, body: { decision: 'reject', reply: '不可以' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const audit = (await get(`/v1/audit?entityId=${open.reviewId}`, h.tokens.manager)).data.concat((await get(`/v1/audit?entityId=${open.id}`, h.tokens.manager)).data);
    expect(audit.filter((e: { action: string }) => e.action === 'dispute_accepted' || e.action === 'dispute_rejected')).toHaveLength(1);
  });
});

describe('good examples and who I am', () => {
  it("an agent sees the team's good examples; other agents' names hidden when the store says so", async () => {
    const shown = await get('/v1/coaching/good-examples', h.tokens.xiaomei);
    expect(shown).toMatchObject({ namesHidden: false, data: [expect.objectContaining({ agentName: '阿杰', own: false, date: D1, score: 100 })] });
    expect((await get('/v1/coaching/good-examples', h.tokens.olivia)).data).toEqual([]);
    expect((await call('PATCH', '/v1/coaching/settings', { token: h.tokens.manager, body: { hideNamesInGoodExamples: true } })).status).toBe(200);
    const hidden = await get('/v1/coaching/good-examples', h.tokens.xiaomei);
    expect(hidden).toMatchObject({ namesHidden: true, data: [expect.objectContaining({ agentName: null, agentId: null })] });
    const detail = await get(`/v1/coaching/good-examples/${hidden.data[0].reviewId}`, h.tokens.xiaomei);
    expect(detail.messages.length).toBeGreaterThan(0);
    expect(JSON.stringify(detail)).not.toMatch(/阿杰|张先生|"risk"/);
    expect((await get('/v1/coaching/good-examples', h.tokens.ajie)).data[0]).toMatchObject({ own: true, agentName: '阿杰' });
    expectError(await call('GET', `/v1/coaching/good-examples/${cards.xiaomeiD2.improvements[0].reviewId}`, { token: h.tokens.xiaomei }), 404, 'not_found');
  });

  it('the suggestion library and thresholds are store settings a manager edits, audited', async () => {
    const own = { 'zh-CN': '先说「亲，您好，欢迎光临」', en: 'Start with "Hello, welcome"' };
    const res = await call('PATCH', '/v1/coaching/settings', { token: h.tokens.manager, body: { unstableThreshold: 85, suggestions: { greeting: own } } });
    expect(res.json.unstableThreshold).toBe(85);
    expect(res.json.suggestions.find((s: { itemId: string }) => s.itemId === 'greeting')).toEqual({ itemId: 'greeting', itemName: { 'zh-CN': '开头语', en: 'Greeting' }, suggestion: own, source: 'store' });
    expect(res.json.suggestions.find((s: { itemId: string }) => s.itemId === 'closing').source).toBe('default');
    expect((await get('/v1/settings', h.apiKey)).coaching).toMatchObject({ unstableThreshold: 85, hideNamesInGoodExamples: true });
    expectError(await call('PATCH', '/v1/coaching/settings', { token: h.tokens.manager, body: { unstableThreshold: 120 } }), 400, 'invalid_request', 'unstableThreshold');
    expectError(await call('PATCH', '/v1/coaching/settings', { token: h.tokens.manager, body: { colour: 'red' } }), 400, 'invalid_request');
    expectError(await call('PATCH', '/v1/coaching/settings', { token: h.tokens.leadPre, body: { unstableThreshold: 70 } }), 403, 'forbidden');
    const reset = await call('PATCH', '/v1/coaching/settings', { token: h.tokens.manager, body: { suggestions: { greeting: null } } });
    expect(reset.json.suggestions.find((s: { itemId: string }) => s.itemId === 'greeting').source).toBe('default');
    expect((await get('/v1/audit?entityType=settings', h.tokens.manager)).data).toHaveLength(3);
  });

  it("/v1/me gives the store's local today and yesterday", async () => {
    const me = await get('/v1/me', h.tokens.xiaomei);
    expect(me).toMatchObject({ role: 'agent', agentId: h.ids.xiaomei, agentName: '小美', team: 'pre', store: { timezone: 'Asia/Shanghai' } });
    const shanghai = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(me.today).toBe(shanghai);
    expect((await get('/v1/me', h.tokens.qa)).reviewerId).toBe(h.reviewer);
  });
});
