import { localMidnight } from '../../src/lib/time';
import { call, createConnection, createTestStore } from './api';
import { drained, sendGeneric } from './generic';
import { storeDb } from './stores';

export const TZ = 'Asia/Shanghai';
/** Monday to Thursday of one ISO week. */
export const DAYS = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'] as const;

export interface Person {
  key: 'xiaomei' | 'ajie' | 'olivia';
  name: string;
  team: string;
}
export const PEOPLE: Person[] = [
  { key: 'xiaomei', name: '小美', team: 'pre' },
  { key: 'ajie', name: '阿杰', team: 'pre' },
  { key: 'olivia', name: 'Olivia Chen', team: 'after' },
];

/** What a reviewer finds in one conversation: the items that fail (with a comment), whether it is a good example. */
export interface Finding {
  fail?: string[];
  goodExample?: boolean;
}
/** The history's plan: per person, per day, one finding per conversation (its length is how many they handle). */
export type Plan = Record<Person['key'], Finding[][]>;

const iso = (ms: number) => new Date(ms).toISOString();

/** One chat's generic webhook events: the customer asks, the agent answers twice, the chat is closed. */
function chat(id: string, ext: string, name: string, start: number, rude: boolean) {
  const base = { platform: 'jd', conversation_id: id };
  const msg = (n: number, role: 'customer' | 'agent', text: string, sec: number) => ({
    type: 'message.created',
    timestamp: iso(start + sec * 1000),
    data: { ...base, message_id: `${id}-${n}`, sender: role === 'agent' ? { role, id: ext, name } : { role, id: `c-${id}`, name: '张先生' }, text, content_type: 'text', created_at: iso(start + sec * 1000) },
  });
  return [
    { type: 'conversation.opened', timestamp: iso(start), data: { ...base, opened_at: iso(start), customer: { id: `c-${id}`, name: '张先生' }, channel: 'web', locale: 'zh-CN', phase: 'presales' } },
    msg(1, 'customer', '这件有L码吗？', 0),
    msg(2, 'agent', rude ? '有，自己看详情页' : '亲，您好，L码有货的', 15),
    msg(3, 'customer', '好的，谢谢', 40),
    msg(4, 'agent', '不客气，还有什么可以帮您？祝您生活愉快', 55),
    { type: 'conversation.closed', timestamp: iso(start + 120_000), data: { ...base, closed_at: iso(start + 120_000), reason: 'resolved' } },
  ];
}

async function waitScored(storeId: string, n: number) {
  for (let i = 0; i < 200; i++) {
    const row = await (await storeDb(storeId)).prepare('select count(*) as n from conversations where store_id = ? and qa_score is not null').bind(storeId).first<{ n: number }>();
    if (row!.n >= n) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('conversations not scored');
}

export async function mint(apiKey: string, body: Record<string, unknown>) {
  const res = await call('POST', '/v1/widget-tokens', { token: apiKey, body: { ttlSeconds: 3600, ...body } });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${res.text}`);
  return res.json.token as string;
}

/**
 * A store with a multi-day history built through the real path: signed webhooks → AutoQA → the daily
 * sample (which reads the unstable flag) → reviews submitted by a QA reviewer's token as the plan says →
 * cards, made as each agent's last review of the day is submitted. Days run in order, so a flag set by
 * one day's cards boosts the next day's sample. `stopBefore` leaves the plan's last steps to the test.
 */
export async function buildHistory(plan: Plan, opts: { days?: readonly string[]; leavePending?: { key: Person['key']; date: string } } = {}) {
  const days = opts.days ?? DAYS;
  const store = await createTestStore({ timezone: TZ });
  const connection = await createConnection(store.apiKey, 'generic');
  const reviewer = (await call('POST', '/v1/reviewers', { token: store.apiKey, body: { name: '质检甲' } })).json.id as string;
  const ids = {} as Record<Person['key'], string>;
  for (const p of PEOPLE) {
    const res = await call('POST', '/v1/agents', { token: store.apiKey, body: { name: p.name, team: p.team, hiredAt: '2024-01-01', externalIds: [{ connectionId: connection.id, externalId: p.key }] } });
    ids[p.key] = res.json.id;
  }
  const qa = await mint(store.apiKey, { sub: reviewer, role: 'qa' });
  let conversations = 0;
  const samples: Record<string, unknown> = {};
  for (const [d, date] of days.entries()) {
    const events: unknown[] = [];
    for (const p of PEOPLE) {
      plan[p.key][d]!.forEach((f, k) => {
        const start = localMidnight(date, TZ) + (10 * 3600 + k * 900) * 1000;
        events.push(...chat(`${p.key}-${date}-${k}`, p.key, p.name, start, f.fail?.includes('polite_language') ?? false));
        conversations++;
      });
    }
    for (let i = 0; i < events.length; i += 60) await sendGeneric(connection, { events: events.slice(i, i + 60) });
    await drained(connection.id);
    await waitScored(store.storeId, conversations);
    const daily = await call('POST', '/v1/jobs/daily', { token: store.apiKey, body: { date } });
    if (daily.status !== 201) throw new Error(`daily ${date}: ${daily.status} ${daily.text}`);
    samples[date] = (await call('GET', `/v1/samples?date=${date}`, { token: store.apiKey })).json;
    const queue = (await call('GET', `/v1/reviews?status=pending&date=${date}`, { token: qa })).json.data as { id: string; agentId: string; conversationId: string }[];
    for (const summary of queue) {
      const person = PEOPLE.find((p) => ids[p.key] === summary.agentId)!;
      if (opts.leavePending?.key === person.key && opts.leavePending.date === date) continue;
      const k = Number(summary.conversationId && (await conversationIndex(store.apiKey, summary.conversationId)));
      const finding = plan[person.key][d]![k] ?? {};
      const review = (await call('GET', `/v1/reviews/${summary.id}`, { token: qa })).json;
      const agentMessage = review.conversation.messages.find((m: { role: string }) => m.role === 'agent');
      const items = review.items.map((i: { itemId: string }) =>
        finding.fail?.includes(i.itemId) ? { itemId: i.itemId, outcome: 'fail', comment: `${i.itemId} 未达标`, messageId: agentMessage.id } : { itemId: i.itemId, outcome: 'pass' },
      );
      const res = await call('POST', `/v1/reviews/${summary.id}/submit`, { token: qa, body: { items, goodExample: finding.goodExample ?? false } });
      if (res.status !== 200) throw new Error(`submit: ${res.status} ${res.text}`);
    }
  }
  const tokens = {
    xiaomei: await mint(store.apiKey, { sub: 'u-xiaomei', role: 'agent', agentId: ids.xiaomei }),
    ajie: await mint(store.apiKey, { sub: 'u-ajie', role: 'agent', agentId: ids.ajie }),
    olivia: await mint(store.apiKey, { sub: 'u-olivia', role: 'agent', agentId: ids.olivia }),
    leadPre: await mint(store.apiKey, { sub: 'lead-pre', role: 'lead', team: 'pre' }),
    leadAfter: await mint(store.apiKey, { sub: 'lead-after', role: 'lead', team: 'after' }),
    manager: await mint(store.apiKey, { sub: 'boss', role: 'manager' }),
    qa,
  };
  return { ...store, connection, reviewer, ids, tokens, days, samples };
}

/** The k of `<person>-<date>-<k>`: which of the day's chats a conversation is. */
async function conversationIndex(apiKey: string, conversationId: string) {
  const c = (await call('GET', `/v1/conversations/${conversationId}`, { token: apiKey })).json;
  return c.externalId.split('-').at(-1);
}
