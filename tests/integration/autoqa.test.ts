import { describe, expect, it } from 'vitest';
import { call, createConnection, createTestStore, expectError } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';
import { storeDb } from '../helpers/stores';
import { getDb } from '../../src/db/client';
import { activeScorecards } from '../../src/services/scorecards';

async function scored(apiKey: string, externalId: string, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await call('GET', `/v1/conversations?externalId=${externalId}`, { token: apiKey });
    const id = list.json.data[0]?.id;
    if (id) {
      const detail = await call('GET', `/v1/conversations/${id}`, { token: apiKey });
      if (detail.json.autoQa) return detail.json;
    }
    if (Date.now() > deadline) throw new Error('not scored in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('AutoQA through the queue', () => {
  it('scores a conversation when it closes, with evidence on real message ids', async () => {
    const { apiKey } = await createTestStore();
    const connection = await createConnection(apiKey, 'generic');
    await sendGeneric(connection, {
      events: [
        ev.opened('qa-1', 0),
        ev.message('qa-1', 'q1', 'customer', '这件还有货吗？', 0, 0),
        ev.message('qa-1', 'q2', 'agent', '有的，加我微信 shop_li88 给你便宜点', 0, 20),
        ev.message('qa-1', 'q3', 'customer', '好的谢谢', 1, 0),
        ev.closed('qa-1', 2),
      ],
    });
    await drained(connection.id);
    const conv = await scored(apiKey, 'qa-1');
    expect(conv.autoQa).toMatchObject({ score: 0, critical: true, phase: 'pre_sales', scorecardVersion: 1 });
    const diversion = conv.autoQa.hits.find((h: { rule: string }) => h.rule === 'diversion');
    const agentMessage = conv.messages.find((m: { externalId: string }) => m.externalId === 'q2');
    expect(diversion).toMatchObject({ outcome: 'fail', critical: true, messageIds: [agentMessage.id] });
    const span = diversion.spans[0];
    expect(agentMessage.text.slice(span.start, span.end)).toBe(span.text);
    expect(span.text).toContain('shop_li88');
    // Risk: the critical break (+3) less the customer's thanks (−1) is 2 points, 6.3 on the curve; each
    // factor points at its messages.
    const thanks = conv.messages.find((m: { externalId: string }) => m.externalId === 'q3');
    expect(conv.autoQa.risk).toBe(6.3);
    expect(conv.autoQa.riskFactors).toEqual([
      { factor: 'critical', points: 3, count: 1, messageIds: [] },
      { factor: 'thanks', points: -1, count: 1, messageIds: [thanks.id] },
    ]);
    // The list carries the score and the risk (stored with its decimal) for the widget's table.
    const list = await call('GET', '/v1/conversations', { token: apiKey });
    expect(list.json.data[0].autoQa).toMatchObject({ score: 0, critical: true, risk: 6.3 });
  });

  it('re-scores when a rating arrives after the close, and keeps open conversations unscored', async () => {
    const { apiKey } = await createTestStore();
    const connection = await createConnection(apiKey, 'generic');
    await sendGeneric(connection, {
      events: [
        ev.message('qa-2', 'a1', 'customer', '我的快递到哪了？订单号 2311051234567890', 0, 0),
        ev.message('qa-2', 'a2', 'agent', '亲，您好，已经在派送了，还有什么可以帮您？', 0, 10),
        ev.closed('qa-2', 3),
        ev.message('qa-3', 'b1', 'customer', '在吗', 0, 0),
      ],
    });
    await drained(connection.id);
    const before = await scored(apiKey, 'qa-2');
    expect(before.autoQa).toMatchObject({ phase: 'after_sales', critical: false });
    expect(before.autoQa.score).toBeGreaterThan(90);
    await sendGeneric(connection, ev.rated('qa-2', 1, 5));
    await drained(connection.id);
    let after = before;
    for (let i = 0; i < 80 && after.autoQa.risk === before.autoQa.risk; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await scored(apiKey, 'qa-2');
    }
    expect(after.autoQa.risk).toBeGreaterThan(70);
    expect(after.autoQa.riskFactors[0]).toMatchObject({ factor: 'bad_rating', points: 20 });
    expect(after.autoQa.hits.find((h: { rule: string }) => h.rule === 'rating')).toMatchObject({ outcome: 'fail' });
    const open = await call('GET', '/v1/conversations?externalId=qa-3', { token: apiKey });
    expect(open.json.data[0].autoQa).toBeNull();
  });
});

describe('scorecards', () => {
  it('every new store has both default scorecards, active, at version 1', async () => {
    const { apiKey } = await createTestStore();
    const res = await call('GET', '/v1/scorecards', { token: apiKey });
    expect(res.json.data.map((s: { phase: string; version: number; active: boolean }) => `${s.phase}:${s.version}:${s.active}`).sort()).toEqual(['after_sales:1:true', 'pre_sales:1:true']);
    const pre = res.json.data.find((s: { phase: string }) => s.phase === 'pre_sales');
    expect(pre.categories.map((c: { weight: number }) => c.weight)).toEqual([25, 50, 25]);
    expect(pre.categories[2].items[0]).toMatchObject({ id: 'taboos', critical: true, name: { 'zh-CN': '服务禁忌', en: 'Taboos' } });
  });

  // AutoQA keeps its plan and its scores by pattern of outcomes on the card object (qa/scorecard.ts).
  it('hands AutoQA the same card object for a version from job to job, and the new version once active', async () => {
    const { apiKey, storeId } = await createTestStore();
    const db = getDb(await storeDb(storeId));
    const first = await activeScorecards(db, storeId);
    const again = await activeScorecards(db, storeId);
    expect(again.pre_sales.card).toBe(first.pre_sales.card);
    const pre = (await call('GET', '/v1/scorecards', { token: apiKey })).json.data.find((s: { phase: string }) => s.phase === 'pre_sales');
    const { id: _id, version: _v, active: _a, createdAt: _c, ...card } = pre;
    card.categories[0].items[0].maxPoints = 8;
    expect((await call('POST', '/v1/scorecards?activate=true', { token: apiKey, body: card })).json).toMatchObject({ version: 2, active: true });
    const edited = await activeScorecards(db, storeId);
    expect(edited.pre_sales).toMatchObject({ version: 2 });
    expect(edited.pre_sales.card.categories[0]!.items[0]!.maxPoints).toBe(8);
    expect(edited.after_sales.card).toBe(first.after_sales.card);
    // Another store's card of the same content is its own object.
    const other = await createTestStore();
    const theirs = await activeScorecards(getDb(await storeDb(other.storeId)), other.storeId);
    expect(theirs.after_sales.card).not.toBe(first.after_sales.card);
  });

  it('an edit is a new version; activation switches; bad cards are refused with the field', async () => {
    const { apiKey } = await createTestStore();
    const pre = (await call('GET', '/v1/scorecards', { token: apiKey })).json.data.find((s: { phase: string }) => s.phase === 'pre_sales');
    const { id: _id, version: _v, active: _a, createdAt: _c, ...card } = pre;
    card.categories[0].items[0].maxPoints = 8;
    const v2 = await call('POST', '/v1/scorecards', { token: apiKey, body: card });
    expect(v2.json).toMatchObject({ version: 2, active: false });
    const activated = await call('POST', `/v1/scorecards/${v2.json.id}/activate`, { token: apiKey });
    expect(activated.json.active).toBe(true);
    const all = (await call('GET', '/v1/scorecards', { token: apiKey })).json.data.filter((s: { phase: string }) => s.phase === 'pre_sales');
    expect(all.map((s: { version: number; active: boolean }) => [s.version, s.active])).toEqual([[2, true], [1, false]]);

    const badWeights = structuredClone(card);
    badWeights.categories[0].weight = 30;
    expectError(await call('POST', '/v1/scorecards', { token: apiKey, body: badWeights }), 400, 'invalid_request', 'categories');
    const dupItem = structuredClone(card);
    dupItem.categories[1].items[0].id = 'greeting';
    expectError(await call('POST', '/v1/scorecards', { token: apiKey, body: dupItem }), 400, 'invalid_request', 'categories.1.items.0.id');
    const badPoints = structuredClone(card);
    badPoints.categories[0].items[1].maxPoints = 0;
    expectError(await call('POST', '/v1/scorecards', { token: apiKey, body: badPoints }), 400, 'invalid_request', 'categories.0.items.1.maxPoints');
    const badRule = structuredClone(card);
    badRule.categories[0].items[1].auto = 'mind_reading';
    expectError(await call('POST', '/v1/scorecards', { token: apiKey, body: badRule }), 400, 'invalid_request', 'categories.0.items.1.auto');
  });

  it("refuses another store's scorecards", async () => {
    const mine = await createTestStore();
    const theirs = await createTestStore();
    const theirCard = (await call('GET', '/v1/scorecards', { token: theirs.apiKey })).json.data[0];
    expectError(await call('GET', `/v1/scorecards/${theirCard.id}`, { token: mine.apiKey }), 404, 'not_found');
    expectError(await call('POST', `/v1/scorecards/${theirCard.id}/activate`, { token: mine.apiKey }), 404, 'not_found');
  });
});

describe('settings', () => {
  it('adds store keywords that AutoQA then uses, and validates', async () => {
    const { storeId, apiKey } = await createTestStore();
    const res = await call('PATCH', '/v1/settings', { token: apiKey, body: { keywords: { 'zh-CN': { banned: { add: ['随便你'] } }, ru: { banned: { add: ['не знаю'] } } } } });
    expect(res.status).toBe(200);
    expect(res.json.keywords.ru.banned.add).toEqual(['не знаю']);
    expectError(await call('PATCH', '/v1/settings', { token: apiKey, body: { idleTimeoutMinutes: 1 } }), 400, 'invalid_request', 'idleTimeoutMinutes');
    expectError(await call('PATCH', '/v1/settings', { token: apiKey, body: { keywords: { ru: { shouting: { add: ['x'] } } } } }), 400, 'invalid_request');
    const connection = await createConnection(apiKey, 'generic');
    await sendGeneric(connection, { events: [ev.message('kw-1', 'k1', 'customer', 'Где заказ?', 0), ev.message('kw-1', 'k2', 'agent', 'не знаю', 0, 10), ev.closed('kw-1', 1)] });
    await drained(connection.id);
    const conv = await scored(apiKey, 'kw-1');
    expect(conv.autoQa.keywordHits).toEqual(['keyword:не знаю']);
    const stored = await (await storeDb(storeId)).prepare('select settings from stores where id = ?').bind(storeId).first<{ settings: string }>();
    expect(JSON.parse(stored!.settings).keywords['zh-CN'].banned.add).toEqual(['随便你']);
  });
});
