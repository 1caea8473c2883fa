import { call, createConnection, createTestStore } from './api';
import { drained, sendGeneric } from './generic';
import { storeDb } from './stores';

/**
 * A small history the report tests check every figure against (pass mark set to 96):
 *
 *   2026-11-20 (D1)  A (售前, 小美) 2 chats   a0 greeting ✗ 95, a1 100
 *                    C (售后, 老王) 1 chat    c0 100
 *   2026-11-21 (D2)  A 5 chats   a0 greeting ✗ 95, a1 greeting ✗ 95, a2 closing ✗ 95, a3 100, a4 100
 *                    B (售前, 阿杰) 3 chats   b0 greeting ✗ closing ✗ 90, b1 expression ✗ 90, b2 100
 *                    C 5 chats   100 each
 *
 * Every chat is sampled (none has more than the quota of 5): A and C are at quota on D2, no one on D1.
 * Two reviewers, calibration rate 0.2: 1 blind second review on D1, 3 on D2; a blind review gives the
 * primary's outcomes plus proactiveness ✗ (−5 points, 13 of 14 items alike).
 * Item comments hold Chinese with commas, quotes and a line break, for the CSV tests.
 *
 * Coaching: D1's reviews are submitted first and D1's cards made, so 小美 has feedback on greeting; her
 * D2 reviews check greeting 5 times and fail it twice (repeat-error rate 0.4). On D2 小美 disputes a0's
 * greeting (left open) and 阿杰 disputes b1's expression (rejected by the lead): 2 opened, 0 accepted.
 */
export const D1 = '2026-11-20';
export const D2 = '2026-11-21';
export const COMMENT = '没有问候，顾客说"在吗"\n第二行';
const FAILS: Record<string, string[]> = {
  [`A-${D1}-0`]: ['greeting'],
  [`A-${D2}-0`]: ['greeting'],
  [`A-${D2}-1`]: ['greeting'],
  [`A-${D2}-2`]: ['closing'],
  [`B-${D2}-0`]: ['greeting', 'closing'],
  [`B-${D2}-1`]: ['expression'],
};
const CHATS: [agent: 'A' | 'B' | 'C', date: string, count: number][] = [
  ['A', D1, 2],
  ['C', D1, 1],
  ['A', D2, 5],
  ['B', D2, 3],
  ['C', D2, 5],
];
const NAMES = { A: '小美', B: '阿杰', C: '老王' } as const;
const TEAMS = { A: '售前', B: '售前', C: '售后' } as const;

/** 10:MM local in Shanghai on `date`. */
const at = (date: string, minute: number, second = 0) => new Date(Date.parse(`${date}T02:00:00Z`) + minute * 60_000 + second * 1000).toISOString();

export async function buildHistory() {
  const store = await createTestStore({ timezone: 'Asia/Shanghai' });
  const token = store.apiKey;
  const connection = await createConnection(token, 'generic');
  await call('PATCH', '/v1/settings', { token, body: { reports: { passScore: 96 }, sampling: { calibrationRate: 0.2 } } });
  const agents: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
  for (const key of ['A', 'B', 'C'] as const) {
    const body = { name: NAMES[key], team: TEAMS[key], hiredAt: '2020-01-01', externalIds: [{ connectionId: connection.id, externalId: `ext-${key}` }] };
    agents[key] = (await call('POST', '/v1/agents', { token, body })).json.id;
  }
  const reviewers = [(await call('POST', '/v1/reviewers', { token, body: { name: '质检甲' } })).json.id as string, (await call('POST', '/v1/reviewers', { token, body: { name: '质检乙' } })).json.id as string];
  const events: unknown[] = [];
  for (const [agent, date, count] of CHATS) {
    for (let i = 0; i < count; i++) {
      const id = `${agent}-${date}-${i}`;
      const minute = i * 5 + (agent === 'B' ? 1 : agent === 'C' ? 2 : 0);
      const data = (extra: Record<string, unknown>) => ({ platform: 'jd', conversation_id: id, ...extra });
      events.push(
        { type: 'message.created', timestamp: at(date, minute), data: data({ message_id: `${id}-1`, sender: { role: 'customer', id: `cust-${id}`, name: '顾客' }, text: '这件有L码吗？', content_type: 'text', created_at: at(date, minute) }) },
        { type: 'message.created', timestamp: at(date, minute, 20), data: data({ message_id: `${id}-2`, sender: { role: 'agent', id: `ext-${agent}`, name: NAMES[agent] }, text: '亲，您好，有的', content_type: 'text', created_at: at(date, minute, 20) }) },
        { type: 'conversation.closed', timestamp: at(date, minute + 3), data: data({ closed_at: at(date, minute + 3), reason: 'resolved' }) },
      );
    }
  }
  for (let i = 0; i < events.length; i += 30) await sendGeneric(connection, { events: events.slice(i, i + 30) });
  await drained(connection.id);
  await waitScored(store.storeId, 16);
  for (const date of [D1, D2]) await call('POST', '/v1/jobs/daily', { token, body: { date } });
  const primaries = await submitAll(token, D1);
  const cards = await call('POST', '/v1/jobs/cards', { token, body: { date: D1, force: true } });
  if (cards.status >= 300) throw new Error(`cards ${cards.status} ${cards.text}`);
  Object.assign(primaries, await submitAll(token, D2));
  const mint = async (body: unknown) => (await call('POST', '/v1/widget-tokens', { token, body })).json.token as string;
  const dispute = async (agent: 'A' | 'B', conversation: string, itemId: string) => {
    const res = await call('POST', '/v1/disputes', { token: await mint({ sub: `u-${agent}`, role: 'agent', agentId: agents[agent] }), body: { reviewId: primaries[conversation], itemId, reason: '我有问候，顾客没看到' } });
    if (res.status !== 201) throw new Error(`dispute ${res.status} ${res.text}`);
    return res.json.id as string;
  };
  await dispute('A', `A-${D2}-0`, 'greeting');
  const rejected = await dispute('B', `B-${D2}-1`, 'expression');
  const lead = await mint({ sub: 'lead-1', role: 'lead', team: '售前' });
  const resolved = await call('POST', `/v1/disputes/${rejected}/resolve`, { token: lead, body: { decision: 'reject', reply: '表达确实生硬' } });
  if (resolved.status !== 200) throw new Error(`resolve ${resolved.status} ${resolved.text}`);
  return { ...store, connection, agents, reviewers, primaries, mint, dispute };
}

async function waitScored(storeId: string, n: number) {
  for (let i = 0; i < 100; i++) {
    const row = await (await storeDb(storeId)).prepare('select count(*) as n from conversations where store_id = ? and qa_score is not null').bind(storeId).first<{ n: number }>();
    if (row!.n >= n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('not scored');
}

/** Submits a day's reviews: primaries with the scripted failures, blind ones with proactiveness failed too. Returns the primaries by conversation. */
async function submitAll(token: string, date: string) {
  const list = (await call('GET', `/v1/reviews?status=pending&date=${date}`, { token })).json.data as { id: string; conversationId: string; blind: boolean }[];
  const primaries: Record<string, string> = {};
  for (const review of list) {
    const detail = (await call('GET', `/v1/reviews/${review.id}`, { token })).json;
    const fails = new Set([...(FAILS[detail.conversation.externalId] ?? []), ...(review.blind ? ['proactiveness'] : [])]);
    const items = detail.items.map((i: { itemId: string }) => (fails.has(i.itemId) ? { itemId: i.itemId, outcome: 'fail', comment: COMMENT } : { itemId: i.itemId, outcome: 'pass' }));
    const res = await call('POST', `/v1/reviews/${review.id}/submit`, { token, body: { items, comment: review.blind ? '校准' : '整体不错，继续保持' } });
    if (res.status !== 200) throw new Error(`submit ${res.status} ${res.text}`);
    if (!review.blind) primaries[detail.conversation.externalId] = review.id;
  }
  return primaries;
}
