import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/db/client';
import { archiveConversations } from '../../src/jobs/archive';
import { call, createConnection, createTestStore, expectError } from '../helpers/api';
import { byExternalId, cron, scored, until } from '../helpers/conversations';
import { drained, ev, sendGeneric } from '../helpers/generic';
import { archivedDeliveries, countIn, storeDb } from '../helpers/stores';

const DAY = 86_400_000;
/** The test conversations close at 02:02 UTC on 2026-11-21 (tests/helpers/generic.ts). */
const CLOSED = Date.UTC(2026, 10, 21, 2, 2);

async function setup() {
  const store = await createTestStore();
  const connection = await createConnection(store.apiKey, 'generic');
  const db = await storeDb(store.storeId);
  /** Where the conversation's messages are: 1 all in D1, 2 partly, 3 all in the archive. */
  const hot = async (id: string) => (await db.prepare('select hot from conversations where id = ?').bind(id).first<{ hot: number }>())?.hot;
  return { ...store, connection, db, hot };
}

const dialogue = (id: string) => [
  ev.opened(id, 0),
  ev.message(id, `${id}-q1`, 'customer', '这件还有货吗？', 0, 0),
  ev.message(id, `${id}-q2`, 'agent', '您好，有的，加我微信 shop_li88 给你便宜点', 0, 20),
  ev.message(id, `${id}-q3`, 'customer', '好的谢谢', 1, 0),
  ev.closed(id, 2),
];

describe('the hot window', () => {
  it('keeps the messages of an ended conversation in D1 for the hot window only; archived, it reads back identical, evidence on the same messages', async () => {
    const { storeId, apiKey, connection, db, hot } = await setup();
    await sendGeneric(connection, { events: dialogue('arc-1') });
    await drained(connection.id);
    const before = await scored(apiKey, 'arc-1');
    const manager = (await call('POST', '/v1/widget-tokens', { token: apiKey, body: { sub: 'boss', role: 'manager' } })).json.token as string;
    expect((await call('GET', `/v1/conversations/${before.id}`, { token: manager })).json).toEqual(before);
    // Scoring wrote the transcript with the whole result to R2; D1 keeps the summary, and the messages for now.
    const object = await env.ARCHIVE.get(`transcripts/${storeId}/${before.id}.json`);
    const transcript = (await object!.json()) as { messages: unknown[]; autoQa: { hits: unknown[]; score: number } };
    expect(transcript.messages).toHaveLength(3);
    expect(transcript.autoQa.score).toBe(before.autoQa.score);
    expect(await hot(before.id)).toBe(1);

    // Within the store's hot window (three days by default) nothing moves.
    expect(await archiveConversations(getDb(db), env.ARCHIVE, storeId, CLOSED + 2 * DAY)).toBe(0);
    expect(await countIn(db, 'select count(*) as n from messages where conversation_id = ?', before.id)).toBe(3);

    // The hourly cron after the window queues the store's archiving; the consumer removes the messages from D1.
    await cron('0 * * * *', CLOSED + 3 * DAY + 3600_000);
    await until(
      () => hot(before.id),
      (h) => h === 3,
      'the archive',
    );
    expect(await countIn(db, 'select count(*) as n from messages where conversation_id = ?', before.id)).toBe(0);

    // The API and the widget read the archived transcript as they read the hot one.
    const after = (await call('GET', `/v1/conversations/${before.id}`, { token: apiKey })).json;
    expect(after).toEqual(before);
    expect((await call('GET', `/v1/conversations/${before.id}`, { token: manager })).json).toEqual(before);
    const agentMessage = after.messages.find((m: { externalId: string }) => m.externalId === 'arc-1-q2');
    const diversion = after.autoQa.hits.find((h: { rule: string }) => h.rule === 'diversion');
    expect(diversion).toMatchObject({ outcome: 'fail', messageIds: [agentMessage.id] });
    expect(agentMessage.text.slice(diversion.spans[0].start, diversion.spans[0].end)).toBe(diversion.spans[0].text);
    expect(diversion.spans[0].text).toContain('shop_li88');
    // The list keeps the summary from D1.
    expect((await call('GET', '/v1/conversations', { token: apiKey })).json.data[0].autoQa).toEqual({
      score: before.autoQa.score,
      risk: before.autoQa.risk,
      critical: true,
    });
  }, 30_000);

  it('takes a late rating and message after the window: re-scored over the archived transcript and the new message, which then joins the archive', async () => {
    const { apiKey, connection, db, hot } = await setup();
    await sendGeneric(connection, { events: dialogue('arc-2') });
    await drained(connection.id);
    const before = await scored(apiKey, 'arc-2');
    await cron('0 * * * *', CLOSED + 4 * DAY);
    await until(
      () => hot(before.id),
      (h) => h === 3,
      'the archive',
    );

    await sendGeneric(connection, { events: [ev.rated('arc-2', 1, 5, 40), ev.message('arc-2', 'arc-2-q4', 'customer', '太差了', 41)] });
    await drained(connection.id);
    const rescored = await scored(apiKey, 'arc-2', (c) => c.rating === 1 && c.autoQa.scoredAt !== before.autoQa.scoredAt);
    // The late message is in D1 beside the archived ones; reads merge them, and the re-score read both.
    expect(await hot(before.id)).toBe(2);
    expect(rescored.messages.map((m: { externalId: string }) => m.externalId)).toEqual(['arc-2-q1', 'arc-2-q2', 'arc-2-q3', 'arc-2-q4']);
    expect(rescored.autoQa.hits.find((h: { rule: string }) => h.rule === 'rating').outcome).toBe('fail');

    await cron('0 * * * *', CLOSED + 5 * DAY);
    await until(
      () => hot(before.id),
      (h) => h === 3,
      'the second archive',
    );
    expect(await countIn(db, 'select count(*) as n from messages where conversation_id = ?', before.id)).toBe(0);
    expect((await call('GET', `/v1/conversations/${before.id}`, { token: apiKey })).json).toEqual(rescored);
  }, 30_000);

  it("follows the store's hotDays setting, and validates it", async () => {
    const { storeId, apiKey, connection, db } = await setup();
    expectError(await call('PATCH', '/v1/settings', { token: apiKey, body: { hotDays: 0 } }), 400, 'invalid_request', 'hotDays');
    expect((await call('PATCH', '/v1/settings', { token: apiKey, body: { hotDays: 7 } })).json.hotDays).toBe(7);
    await sendGeneric(connection, { events: dialogue('arc-3') });
    await drained(connection.id);
    await scored(apiKey, 'arc-3');
    expect(await archiveConversations(getDb(db), env.ARCHIVE, storeId, CLOSED + 6 * DAY)).toBe(0);
    expect(await archiveConversations(getDb(db), env.ARCHIVE, storeId, CLOSED + 7 * DAY + 1)).toBe(1);
  }, 30_000);

  it("never shows another store's archived conversation", async () => {
    const mine = await setup();
    await sendGeneric(mine.connection, { events: dialogue('arc-4') });
    await drained(mine.connection.id);
    const conversation = await scored(mine.apiKey, 'arc-4');
    await archiveConversations(getDb(mine.db), env.ARCHIVE, mine.storeId, CLOSED + 4 * DAY);
    const theirs = await createTestStore();
    expectError(await call('GET', `/v1/conversations/${conversation.id}`, { token: theirs.apiKey }), 404, 'not_found');
    expect(await byExternalId(theirs.apiKey, 'arc-4')).toBeNull();
  }, 30_000);
});

describe('a 1 MiB delivery', () => {
  it('goes to R2 before the queue (its key is queued) and is stored right', async () => {
    const { storeId, apiKey, connection } = await setup();
    // 120 messages of Chinese text, just under the 1 MiB limit.
    const text = (i: number, n: number) => `第${i}条：${'质检长文本'.repeat(n)}`;
    const events = (n: number) => [
      ev.opened('big-1', 0),
      ...Array.from({ length: 120 }, (_, i) => ev.message('big-1', `big-${i}`, i % 2 ? 'agent' : 'customer', text(i, n), i % 60, i % 50)),
      ev.closed('big-1', 59),
    ];
    let n = 400;
    while (new TextEncoder().encode(JSON.stringify({ events: events(n + 1) })).byteLength <= 1024 * 1024) n++;
    const body = JSON.stringify({ events: events(n) });
    const size = new TextEncoder().encode(body).byteLength;
    expect(size).toBeGreaterThan(1024 * 1024 - 2000);
    expect(size).toBeLessThanOrEqual(1024 * 1024);

    const res = await sendGeneric(connection, JSON.parse(body));
    expect(res.status).toBe(202);
    const bodies = await env.ARCHIVE.list({ prefix: `bodies/${storeId}/` });
    expect(bodies.objects).toHaveLength(1);
    expect(await (await env.ARCHIVE.get(bodies.objects[0]!.key))!.text()).toBe(body);
    await drained(connection.id);
    const [line] = await archivedDeliveries(storeId, connection.id);
    expect(line).toMatchObject({ uid: res.json.id, bodyKey: bodies.objects[0]!.key });
    expect(line!.body).toBeUndefined();

    const conversation = await scored(apiKey, 'big-1');
    expect(conversation.messages).toHaveLength(120);
    const stored = Object.fromEntries(conversation.messages.map((m: { externalId: string; text: string }) => [m.externalId, m.text]));
    expect(stored).toEqual(Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`big-${i}`, text(i, n)])));
  }, 30_000);
});
