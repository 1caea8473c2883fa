import { env } from 'cloudflare:workers';
import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/db/client';
import { archiveConversations } from '../../src/jobs/archive';
import { call, createConnection, expectError, OPERATOR_TOKEN } from '../helpers/api';
import { cron, scored, until } from '../helpers/conversations';
import { drained, ev, sendGeneric } from '../helpers/generic';
import { countIn } from '../helpers/stores';

async function storeOn(database: string | undefined, name: string) {
  const res = await call('POST', '/v1/operator/stores', {
    token: OPERATOR_TOKEN,
    body: { name, timezone: 'Asia/Shanghai', locale: 'zh-CN', ...(database ? { database } : {}) },
  });
  expect(res.status).toBe(201);
  const connection = await createConnection(res.json.apiKey, 'generic');
  return { storeId: res.json.store.id as string, database: res.json.store.database as string, apiKey: res.json.apiKey as string, connection };
}

/** The same day for any store: the same platform ids, the same words. */
async function feed(store: Awaited<ReturnType<typeof storeOn>>) {
  const events = [];
  for (let i = 0; i < 6; i++) {
    const id = `same-${i}`;
    events.push(
      ev.opened(id, i),
      ev.message(id, `${id}-1`, 'customer', '你好，这个有货吗？', i, 0),
      ev.message(id, `${id}-2`, 'agent', i === 3 ? '不知道，加我微信 shop_li88' : '亲，您好，有货的哦', i, 20, {
        id: `agent-${i % 2}`,
        name: i % 2 ? '小王' : '小李',
      }),
      ev.closed(id, i + 10),
    );
  }
  events.push(ev.rated('same-1', 2, 5, 30), ev.message('open-1', 'open-1-1', 'customer', '在吗', 30));
  await sendGeneric(store.connection, { events });
  await drained(store.connection.id);
  for (let i = 0; i < 6; i++) await scored(store.apiKey, `same-${i}`);
}

/** A conversation as an integrator sees it, without the ids that differ per store. */
function shape(c: any) {
  return {
    externalId: c.externalId,
    status: c.status,
    rating: c.rating,
    openedAt: c.openedAt,
    closedAt: c.closedAt,
    messages: c.messages.map((m: any) => ({ externalId: m.externalId, role: m.role, text: m.text, createdAt: m.createdAt })),
    autoQa: c.autoQa && {
      score: c.autoQa.score,
      risk: c.autoQa.risk,
      critical: c.autoQa.critical,
      hits: c.autoQa.hits.map((h: any) => [h.rule, h.outcome, h.messageIds.length, h.spans.map((s: any) => s.text)]),
    },
  };
}

async function everything(store: Awaited<ReturnType<typeof storeOn>>) {
  const list = (await call('GET', '/v1/conversations?limit=200', { token: store.apiKey })).json.data as { id: string }[];
  const details = [];
  for (const c of list) details.push((await call('GET', `/v1/conversations/${c.id}`, { token: store.apiKey })).json);
  return details;
}

describe('stores on two databases', () => {
  it('behave the same and never see each other', async () => {
    const a = await storeOn('DB_1', 'Store on one');
    const b = await storeOn('DB_2', 'Store on two');
    expect([a.database, b.database]).toEqual(['DB_1', 'DB_2']);
    const directory = await env.DIRECTORY.prepare('select store_id, database from store_directory where store_id in (?, ?) order by database')
      .bind(a.storeId, b.storeId)
      .all();
    expect(directory.results).toEqual([
      { store_id: a.storeId, database: 'DB_1' },
      { store_id: b.storeId, database: 'DB_2' },
    ]);
    await feed(a);
    await feed(b);

    // The same deliveries make the same conversations, scores and evidence.
    const [mineA, mineB] = [await everything(a), await everything(b)];
    expect(mineA).toHaveLength(7);
    expect(mineA.map(shape)).toEqual(mineB.map(shape));

    // Each store's rows are on its own database only.
    const rows = (db: D1Database, storeId: string) => countIn(db, 'select count(*) as n from conversations where store_id = ?', storeId);
    expect([await rows(env.DB_1!, a.storeId), await rows(env.DB_2!, a.storeId)]).toEqual([7, 0]);
    expect([await rows(env.DB_1!, b.storeId), await rows(env.DB_2!, b.storeId)]).toEqual([0, 7]);

    // Neither key, nor a widget token, reaches the other store's data; a token claiming the other
    // store but signed with this store's secret is refused.
    expectError(await call('GET', `/v1/conversations/${mineB[0].id}`, { token: a.apiKey }), 404, 'not_found');
    expectError(await call('GET', `/v1/conversations/${mineA[0].id}`, { token: b.apiKey }), 404, 'not_found');
    const managerA = (await call('POST', '/v1/widget-tokens', { token: a.apiKey, body: { sub: 'boss', role: 'manager' } })).json.token as string;
    expectError(await call('GET', `/v1/conversations/${mineB[0].id}`, { token: managerA }), 404, 'not_found');
    const secretA = (await env.DB_1!.prepare('select embed_secret from stores where id = ?').bind(a.storeId).first<{ embed_secret: string }>())!.embed_secret;
    const iat = Math.floor(Date.now() / 1000);
    const forged = await sign({ store: b.storeId, sub: 'x', role: 'manager', iat, exp: iat + 600, jti: 'f1' }, secretA, 'HS256');
    expectError(await call('GET', '/v1/conversations', { token: forged }), 401, 'unauthorized');
    const agentsA = (await call('GET', '/v1/agents', { token: a.apiKey })).json.data as { id: string }[];
    expectError(await call('GET', `/v1/agents/${agentsA[0]!.id}`, { token: b.apiKey }), 404, 'not_found');

    // The daily job gives both the same coverage.
    const dailyA = await call('POST', '/v1/jobs/daily', { token: a.apiKey, body: { date: '2026-11-21' } });
    const dailyB = await call('POST', '/v1/jobs/daily', { token: b.apiKey, body: { date: '2026-11-21' } });
    const { date: _a, ...coverageA } = dailyA.json.coverage;
    const { date: _b, ...coverageB } = dailyB.json.coverage;
    expect(JSON.stringify(coverageA).replaceAll(/ag_\w+/g, 'ag')).toBe(JSON.stringify(coverageB).replaceAll(/ag_\w+/g, 'ag'));

    // Crons walk every database: the idle sweep closes both stores' open conversation …
    await cron('*/5 * * * *', Date.UTC(2026, 10, 21, 4, 0));
    for (const s of [a, b]) {
      const open = (await call('GET', '/v1/conversations?externalId=open-1', { token: s.apiKey })).json.data[0];
      expect(open.status).toBe('closed');
    }
    // … and the hourly cron archives both, each under its own store in R2, read back the same.
    await cron('0 * * * *', Date.UTC(2026, 10, 25, 6, 0));
    for (const s of [a, b]) {
      const db = s.database === 'DB_1' ? env.DB_1! : env.DB_2!;
      await until(
        () => countIn(db, 'select count(*) as n from conversations where store_id = ? and hot = 3', s.storeId),
        (n) => n === 7,
        `${s.database} archived`,
      );
      expect((await env.ARCHIVE.list({ prefix: `transcripts/${s.storeId}/` })).objects).toHaveLength(7);
    }
    const afterA = (await everything(a)).map(shape);
    const ended = (list: ReturnType<typeof shape>[]) => list.filter((c) => c.externalId !== 'open-1');
    expect(ended(afterA)).toEqual(ended(mineA.map(shape)));
    expect(afterA).toEqual((await everything(b)).map(shape));
  }, 60_000);

  it('places a new store on the least full database, and refuses a database that is not bound', async () => {
    const sizes = async () => Promise.all([env.DB_1!, env.DB_2!].map(async (d) => Number((await d.prepare('select 1').run()).meta.size_after)));
    const [one, two] = await sizes();
    const placed = await storeOn(undefined, 'Placed');
    expect(placed.database).toBe(one! <= two! ? 'DB_1' : 'DB_2');
    const res = await call('POST', '/v1/operator/stores', {
      token: OPERATOR_TOKEN,
      body: { name: 'x', timezone: 'Asia/Shanghai', locale: 'zh-CN', database: 'DB_9' },
    });
    expectError(res, 400, 'invalid_request', 'database');
  }, 30_000);

  it('archives a store on either database with the same job', async () => {
    for (const database of ['DB_1', 'DB_2']) {
      const s = await storeOn(database, `Archive on ${database}`);
      await sendGeneric(s.connection, { events: [ev.message('x-1', 'x-1-1', 'customer', '在吗', 0), ev.closed('x-1', 1)] });
      await drained(s.connection.id);
      await scored(s.apiKey, 'x-1');
      const db = database === 'DB_1' ? env.DB_1! : env.DB_2!;
      expect(await archiveConversations(getDb(db), env.ARCHIVE, s.storeId, Date.UTC(2026, 10, 25))).toBe(1);
      // The other database holds nothing of this store to archive.
      expect(await archiveConversations(getDb(database === 'DB_1' ? env.DB_2! : env.DB_1!), env.ARCHIVE, s.storeId, Date.UTC(2026, 10, 25))).toBe(0);
    }
  }, 30_000);
});
