import { addDays, localDate, localMidnight } from '../../src/lib/time';
import type { startLocalWorker } from './helpers';

type Worker = Awaited<ReturnType<typeof startLocalWorker>>;

/**
 * A time zone whose date now differs from UTC's, so that a browser in UTC would pick the wrong
 * "yesterday" if it used its own clock: UTC+14 once UTC is past 10:00, UTC−11 before 11:00.
 */
export function zoneAheadOrBehindUtc(now = Date.now()): string {
  return new Date(now).getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
}

const GOOD = ['亲，您好，有的，L码有货，今天下单今天发。', '不客气，祝您购物愉快，有问题随时找我哦！'];
const BAD = ['不知道，你自己看'];

/** One chat as webhook deliveries: the customer asks, the agent answers (and closes), then it is closed. */
function chat(id: string, agent: { externalId: string; name: string }, startMs: number, agentLines: string[]) {
  const at = (sec: number) => new Date(startMs + sec * 1000).toISOString();
  const lines: [string, string][] = [
    ['customer', '这件有L码吗？'],
    ['agent', agentLines[0]!],
  ];
  if (agentLines[1]) lines.push(['customer', '好的谢谢'], ['agent', agentLines[1]]);
  const events = lines.map(([role, text], i) => ({
    id: `${id}-${i}`,
    event: {
      type: 'message.created',
      timestamp: at(i * 20),
      data: {
        platform: 'jd',
        conversation_id: id,
        message_id: `${id}-${i}`,
        sender: role === 'agent' ? { role, id: agent.externalId, name: agent.name } : { role, id: `cust-${id}`, name: '张女士' },
        text,
        content_type: 'text',
        created_at: at(i * 20),
      },
    },
  }));
  events.push({
    id: `${id}-close`,
    event: { type: 'conversation.closed', timestamp: at(120), data: { platform: 'jd', conversation_id: id, closed_at: at(120), reason: 'resolved' } } as never,
  });
  return events;
}

/**
 * A store with `days` days of history ending the store's yesterday, through the real path: signed
 * webhooks → AutoQA → the daily sample → every review submitted (AutoQA's outcomes kept, a comment on
 * each deduction) → the day's cards. 小美 has one rude reply a day (a repeat error by day two) and
 * closes neither of her chats (one item failed in two conversations); 阿杰 only
 * good chats, one marked a good example, and his reviews of the last day left to do (so he has no card
 * for it, and the reviewer a queue). Both are in the team `pre_sales`.
 */
export async function seedCoachingStore(worker: Worker, { timezone, days = 3 }: { timezone: string; days?: number }) {
  const { store, apiKey } = await worker.api('POST', '/v1/operator/stores', worker.operator, { name: 'Coaching store', timezone, locale: 'zh-CN' });
  const connection = await worker.api('POST', '/v1/connections', apiKey, { platform: 'generic', name: 'relay' });
  const reviewer = await worker.api('POST', '/v1/reviewers', apiKey, { name: '质检甲' });
  const people = [
    { externalId: 'ag-1', name: '小美' },
    { externalId: 'ag-2', name: '阿杰' },
  ];
  const agents: Record<string, string> = {};
  for (const p of people) {
    const a = await worker.api('POST', '/v1/agents', apiKey, {
      name: p.name,
      team: 'pre_sales',
      hiredAt: '2025-01-01',
      externalIds: [{ connectionId: connection.id, externalId: p.externalId }],
    });
    agents[p.name] = a.id;
  }
  const yesterday = addDays(localDate(Date.now(), timezone), -1);
  const dates = Array.from({ length: days }, (_, i) => addDays(yesterday, i - days + 1));
  let goodExampleMarked = false;
  let expected = 0;
  for (const date of dates) {
    const start = localMidnight(date, timezone) + 10 * 3600_000;
    const events = [
      ...chat(`${date}-m1`, people[0]!, start, BAD),
      // No closing in either of her chats: the same item failed twice in a day.
      ...chat(`${date}-m2`, people[0]!, start + 600_000, [GOOD[0]!]),
      ...chat(`${date}-j1`, people[1]!, start + 1200_000, GOOD),
      ...chat(`${date}-j2`, people[1]!, start + 1800_000, GOOD),
    ];
    await worker.send(connection, events);
    expected += 4;
    for (let i = 0; i < 150; i++) {
      const list = await worker.api('GET', '/v1/conversations?limit=100', apiKey);
      if (list.data.length === expected && list.data.every((c: { autoQa: unknown; status: string }) => c.autoQa && c.status === 'closed')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await worker.api('POST', '/v1/jobs/daily', apiKey, { date });
    const pending = (await worker.api('GET', `/v1/reviews?status=pending&date=${date}`, apiKey)).data as { id: string; agentName: string }[];
    for (const summary of pending) {
      if (date === yesterday && summary.agentName === '阿杰') continue;
      const review = await worker.api('GET', `/v1/reviews/${summary.id}`, apiKey);
      const items = review.items.map((i: { itemId: string; outcome: string | null }) => ({
        itemId: i.itemId,
        outcome: i.outcome ?? 'pass',
        ...(i.outcome === 'fail' ? { comment: '未达标' } : {}),
      }));
      const good: boolean = !goodExampleMarked && summary.agentName === '阿杰';
      goodExampleMarked ||= good;
      await worker.api('POST', `/v1/reviews/${summary.id}/submit`, apiKey, { items, ...(good ? { goodExample: true, comment: '回答完整，收尾热情' } : {}) });
    }
    await worker.api('POST', '/v1/jobs/cards', apiKey, { date, force: true });
  }
  const mint = async (body: unknown) => (await worker.api('POST', '/v1/widget-tokens', apiKey, { ttlSeconds: 3600, ...(body as object) })).token as string;
  const tokens = {
    agent: await mint({ sub: 'u-xiaomei', role: 'agent', agentId: agents.小美 }),
    lead: await mint({ sub: 'lead-1', role: 'lead', team: 'pre_sales' }),
    qa: await mint({ sub: reviewer.id, role: 'qa' }),
    manager: await mint({ sub: 'boss', role: 'manager' }),
  };
  return { store, apiKey, connection, reviewer, agents, dates, yesterday, tokens, mint };
}
