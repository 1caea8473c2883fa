import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { call, createConnection, createTestStore, expectError } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';
import { storeDb } from '../helpers/stores';

const DATE = '2026-11-21';
let store: { storeId: string; apiKey: string };
let newHire: string;
let veteran: string;
let reviewerA: string;
let reviewerB: string;

async function waitScored(n: number) {
  for (let i = 0; i < 100; i++) {
    const row = await (await storeDb(store.storeId)).prepare('select count(*) as n from conversations where store_id = ? and qa_score is not null').bind(store.storeId).first<{ n: number }>();
    if (row!.n >= n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('not scored');
}

beforeAll(async () => {
  store = await createTestStore();
  const connection = await createConnection(store.apiKey, 'generic');
  newHire = (await call('POST', '/v1/agents', { token: store.apiKey, body: { name: '新人小张', team: 'pre_sales', hiredAt: '2026-11-10', externalIds: [{ connectionId: connection.id, externalId: 'new-1' }] } })).json.id;
  veteran = (await call('POST', '/v1/agents', { token: store.apiKey, body: { name: '老王', team: 'pre_sales', hiredAt: '2021-03-01', externalIds: [{ connectionId: connection.id, externalId: 'vet-1' }] } })).json.id;
  reviewerA = (await call('POST', '/v1/reviewers', { token: store.apiKey, body: { name: '质检甲' } })).json.id;
  reviewerB = (await call('POST', '/v1/reviewers', { token: store.apiKey, body: { name: '质检乙', agentId: veteran } })).json.id;
  const events = [];
  for (let i = 0; i < 40; i++) {
    const id = `n-${i}`;
    events.push(ev.message(id, `${id}-1`, 'customer', '有货吗？', i, 0), ev.message(id, `${id}-2`, 'agent', i === 7 ? '不知道' : '亲，您好，有的', i, 20, { id: 'new-1', name: '新人小张' }), ev.closed(id, i + 1));
  }
  for (let i = 0; i < 3; i++) {
    const id = `v-${i}`;
    events.push(ev.message(id, `${id}-1`, 'customer', '在吗', 50 + i, 0), ev.message(id, `${id}-2`, 'agent', '您好，在的', 50 + i, 10, { id: 'vet-1', name: '老王' }), ev.closed(id, 55));
  }
  events.push(ev.rated('v-0', 1, 5));
  for (let i = 0; i < events.length; i += 40) await sendGeneric(connection, { events: events.slice(i, i + 40) });
  await drained(connection.id);
  await waitScored(43);
});

describe('the daily job', () => {
  it('samples every active agent, is idempotent, and records coverage', async () => {
    const first = await call('POST', '/v1/jobs/daily', { token: store.apiKey, body: { date: DATE } });
    expect(first.status).toBe(201);
    expect(first.json.coverage).toMatchObject({ date: DATE, agentsActive: 2, agentsAtQuota: 1, conversations: 43, shortfalls: [{ agentId: veteran, quota: 5, reason: 'fewer_conversations' }] });
    const again = await call('POST', '/v1/jobs/daily', { token: store.apiKey, body: { date: DATE } });
    expect(again.status).toBe(200);
    expect(again.json.coverage).toEqual(first.json.coverage);
    const samples = await call('GET', `/v1/samples?date=${DATE}`, { token: store.apiKey });
    const byAgent = Object.fromEntries(samples.json.agents.map((a: { agentId: string }) => [a.agentId, a]));
    expect(byAgent[newHire]).toMatchObject({ quota: 10, shortfall: 0 });
    expect(byAgent[newHire].selected).toHaveLength(10);
    expect(byAgent[newHire].selected.map((s: { reason: string }) => s.reason)).toContain('keyword:不知道');
    expect(byAgent[newHire].selected.filter((s: { reason: string }) => s.reason === 'random').length).toBeGreaterThanOrEqual(4);
    expect(byAgent[veteran]).toMatchObject({ quota: 5, shortfall: 2, shortfallReason: 'fewer_conversations' });
    expect(byAgent[veteran].selected.map((s: { reason: string }) => s.reason).sort()).toEqual(['random', 'random', 'rating']);
    const count = await (await storeDb(store.storeId)).prepare('select count(*) as n from sample_selections where store_id = ?').bind(store.storeId).first<{ n: number }>();
    expect(count!.n).toBe(13);
  });

  it('assigns reviews in balance, never to the reviewer who handled the conversation', async () => {
    const rows = await (await storeDb(store.storeId)).prepare('select reviewer_id, agent_id, blind from reviews where store_id = ?').bind(store.storeId).all<{ reviewer_id: string; agent_id: string; blind: number }>();
    const primary = rows.results.filter((r) => !r.blind);
    expect(primary).toHaveLength(13);
    expect(primary.some((r) => r.reviewer_id === reviewerB && r.agent_id === veteran)).toBe(false);
  });

  it('the hourly cron queues the day for stores whose local day ended, and sampling is not repeated', async () => {
    const other = await createTestStore({ timezone: 'Asia/Shanghai' });
    const ctx = createExecutionContext();
    // 2026-11-22 02:00 in Shanghai: the 21st has ended there.
    await worker.scheduled!(createScheduledController({ cron: '0 * * * *', scheduledTime: Date.UTC(2026, 10, 21, 18, 0) }), env, ctx);
    await waitOnExecutionContext(ctx);
    for (let i = 0; i < 60; i++) {
      if ((await call('GET', `/v1/samples?date=${DATE}`, { token: other.apiKey })).status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const res = await call('GET', `/v1/samples?date=${DATE}`, { token: other.apiKey });
    expect(res.status).toBe(200);
    expect(res.json.coverage.agentsActive).toBe(0);
  });

  it('validates input and refuses days not sampled and other stores', async () => {
    expectError(await call('POST', '/v1/jobs/daily', { token: store.apiKey, body: { date: '21/11/2026' } }), 400, 'invalid_request', 'date');
    expectError(await call('GET', '/v1/samples?date=2026-01-01', { token: store.apiKey }), 404, 'not_found');
    expectError(await call('GET', '/v1/samples', { token: store.apiKey }), 400, 'invalid_request', 'date');
    const theirs = await createTestStore();
    expectError(await call('GET', `/v1/samples?date=${DATE}`, { token: theirs.apiKey }), 404, 'not_found');
  });
});

describe('reviews', () => {
  async function qaToken(reviewerId: string) {
    return (await call('POST', '/v1/widget-tokens', { token: store.apiKey, body: { sub: reviewerId, role: 'qa' } })).json.token as string;
  }

  it("a reviewer sees their own queue, pre-filled from AutoQA, and submits; others' reviews are 404", async () => {
    const token = await qaToken(reviewerA);
    const queue = await call('GET', '/v1/reviews?status=pending', { token });
    expect(queue.json.data.length).toBeGreaterThan(0);
    expect(queue.json.data.every((r: { reviewerId: string }) => r.reviewerId === reviewerA)).toBe(true);
    const mineId = queue.json.data[0].id;
    const review = await call('GET', `/v1/reviews/${mineId}`, { token });
    expect(review.json.scorecard.version).toBe(1);
    expect(review.json.conversation.messages.length).toBeGreaterThan(0);
    const greeting = review.json.items.find((i: { itemId: string }) => i.itemId === 'greeting');
    expect(greeting.source).toBe('auto');
    expect(review.json.items.find((i: { itemId: string }) => i.itemId === 'product_knowledge')).toMatchObject({ outcome: null, source: null });

    const others = (await call('GET', '/v1/reviews', { token: store.apiKey })).json.data.filter((r: { reviewerId: string }) => r.reviewerId !== reviewerA);
    if (others.length) expectError(await call('GET', `/v1/reviews/${others[0].id}`, { token }), 404, 'not_found');

    const items = review.json.items.map((i: { itemId: string; outcome: string | null }) => ({ itemId: i.itemId, outcome: i.outcome === 'fail' ? 'fail' : i.outcome ?? 'pass', ...(i.outcome === 'fail' ? { comment: '原因' } : {}) }));
    // A deduction without a comment, an item not in the version, points out of range: each a clear 400.
    const noComment = items.map((i: { itemId: string }) => (i.itemId === 'expression' ? { itemId: 'expression', outcome: 'fail' } : i));
    expectError(await call('POST', `/v1/reviews/${mineId}/submit`, { token, body: { items: noComment } }), 400, 'invalid_request', `items.${items.findIndex((i: { itemId: string }) => i.itemId === 'expression')}.comment`);
    expectError(await call('POST', `/v1/reviews/${mineId}/submit`, { token, body: { items: [...items, { itemId: 'telepathy', outcome: 'pass' }] } }), 400, 'invalid_request', `items.${items.length}.itemId`);
    const tooMany = items.map((i: { itemId: string }) => (i.itemId === 'greeting' ? { itemId: 'greeting', outcome: 'pass', points: 50 } : i));
    expectError(await call('POST', `/v1/reviews/${mineId}/submit`, { token, body: { items: tooMany } }), 400, 'invalid_request', `items.${items.findIndex((i: { itemId: string }) => i.itemId === 'greeting')}.points`);
    expectError(await call('POST', `/v1/reviews/${mineId}/submit`, { token, body: { items: items.slice(1) } }), 400, 'invalid_request', 'items');

    const partial = items.map((i: { itemId: string }) => (i.itemId === 'expression' ? { itemId: 'expression', outcome: 'pass', points: 5, comment: '语气可以更亲切' } : i));
    const done = await call('POST', `/v1/reviews/${mineId}/submit`, { token, body: { items: partial, goodExample: true } });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ status: 'submitted', goodExample: true });
    expect(done.json.score).toBeLessThan(100);
    expectError(await call('POST', `/v1/reviews/${mineId}/submit`, { token, body: { items: partial } }), 409, 'conflict');
  });

  it("another store's key and an agent token get nothing", async () => {
    const anyReview = (await call('GET', '/v1/reviews', { token: store.apiKey })).json.data[0].id;
    const theirs = await createTestStore();
    expectError(await call('GET', `/v1/reviews/${anyReview}`, { token: theirs.apiKey }), 404, 'not_found');
    expectError(await call('POST', `/v1/reviews/${anyReview}/submit`, { token: theirs.apiKey, body: { items: [{ itemId: 'greeting', outcome: 'pass' }] } }), 404, 'not_found');
    const agentToken = (await call('POST', '/v1/widget-tokens', { token: store.apiKey, body: { sub: 'u', role: 'agent', agentId: newHire } })).json.token;
    // An agent reads only its own submitted reviews: another agent's review is not found, and it cannot submit.
    const own = (await call('GET', '/v1/reviews', { token: agentToken })).json.data as { agentId: string; status: string }[];
    expect(own.every((r) => r.agentId === newHire && r.status === 'submitted')).toBe(true);
    const veterans = (await call('GET', '/v1/reviews', { token: store.apiKey })).json.data.find((r: { agentId: string }) => r.agentId === veteran);
    expectError(await call('GET', `/v1/reviews/${veterans.id}`, { token: agentToken }), 404, 'not_found');
    expectError(await call('POST', `/v1/reviews/${anyReview}/submit`, { token: agentToken, body: { items: [{ itemId: 'greeting', outcome: 'pass' }] } }), 403, 'forbidden');
    expectError(await call('GET', `/v1/samples?date=${DATE}`, { token: agentToken }), 403, 'forbidden');
  });

  it('reports calibration agreement, validating the date and refusing agents', async () => {
    const res = await call('GET', `/v1/reports/calibration?date=${DATE}`, { token: store.apiKey });
    expect(res.status).toBe(200);
    // 13 selections: below the 20 from which a blind second review is drawn.
    expect(res.json).toEqual({ pairs: 0, reviewers: [] });
    expectError(await call('GET', '/v1/reports/calibration?date=yesterday', { token: store.apiKey }), 400, 'invalid_request', 'date');
    const agentToken = (await call('POST', '/v1/widget-tokens', { token: store.apiKey, body: { sub: 'u', role: 'agent', agentId: newHire } })).json.token;
    expectError(await call('GET', '/v1/reports/calibration', { token: agentToken }), 403, 'forbidden');
  });

  it('validates reviewers', async () => {
    expectError(await call('POST', '/v1/reviewers', { token: store.apiKey, body: {} }), 400, 'invalid_request', 'name');
    const theirs = await createTestStore();
    expectError(await call('POST', '/v1/reviewers', { token: theirs.apiKey, body: { name: 'x', agentId: veteran } }), 404, 'not_found', 'agentId');
    expectError(await call('GET', `/v1/reviewers/${reviewerA}`, { token: theirs.apiKey }), 404, 'not_found');
  });
});
