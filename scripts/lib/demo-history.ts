import { demoReview } from '../../src/demo/review-plan';
import { DEMO_TEAM_NAMES, type DemoAgent } from '../../src/demo/generator';
import { addDays } from '../../src/lib/time';
import { pool } from './standard-webhooks';

/** The demo API client (bearer token, JSON, throws on an error status with the envelope). */
// biome-ignore lint/suspicious/noExplicitAny: the demo reads a few fields of the API's JSON, loosely
export type Api = (token: string, method: string, path: string, body?: unknown, beforeRetry?: () => Promise<Response | null>) => Promise<any>;

interface Roster {
  id: string;
  name: string;
  team: string | null;
  externalIds: { externalId: string }[];
}

/** Waits until every closed conversation of the local day has its AutoQA result (the sample reads them). */
export async function waitScored(api: Api, apiKey: string, from: string, to: string) {
  for (let i = 0; i < 300; i++) {
    const page = (await api(apiKey, 'GET', `/v1/conversations?status=closed&limit=200&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).data as { autoQa: unknown }[];
    if (page.every((c) => c.autoQa)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const tokenCache = new Map<string, string>();
export async function tokenFor(api: Api, apiKey: string, body: Record<string, unknown>) {
  const key = JSON.stringify(body);
  if (!tokenCache.has(key)) tokenCache.set(key, (await api(apiKey, 'POST', '/v1/widget-tokens', { ttlSeconds: 3600, ...body })).token);
  return tokenCache.get(key)!;
}

/**
 * The day's pending reviews submitted by the demo's QA reviewers, each with their own token, as the
 * review plan decides (src/demo/review-plan.ts). Each agent's last review of the day makes their card.
 * Reviews of agents in `leavePending` stay in the queue.
 */
export async function reviewDay(api: Api, apiKey: string, date: string, daysAgo: number, agents: DemoAgent[], roster: Roster[], opts: { leavePending?: Set<string>; forceFor?: string } = {}) {
  const pending = (await api(apiKey, 'GET', `/v1/reviews?status=pending&date=${date}`)).data as { id: string; agentId: string; reviewerId: string; conversationId: string }[];
  const extOf = new Map(roster.map((a) => [a.id, a.externalIds[0]?.externalId ?? '']));
  const forced = new Set<string>();
  const todo = pending.filter((r) => !opts.leavePending?.has(extOf.get(r.agentId) ?? ''));
  await pool(todo, 6, async (summary) => {
    const ext = extOf.get(summary.agentId) ?? '';
    const qa = await tokenFor(api, apiKey, { sub: summary.reviewerId, role: 'qa' });
    const review = await api(qa, 'GET', `/v1/reviews/${summary.id}`);
    const agent = agents.find((a) => a.externalId === ext);
    // The demo agent's latest card must have an improvement to dispute: their first review of the day carries one.
    const force = opts.forceFor === ext && !forced.has(ext);
    if (force) forced.add(ext);
    const body = demoReview({
      agentExternalId: ext,
      agentIndex: Number(ext.slice(-3)) - 1,
      lang: agent?.lang ?? 'zh-CN',
      date,
      daysAgo,
      conversationId: summary.conversationId,
      items: review.items,
      agentMessages: (review.conversation.messages as { id: string; role: string; text: string }[]).filter((m) => m.role === 'agent'),
      forceFinding: force,
    });
    // A submission retried after a Worker reload may have gone through the first time.
    await api(qa, 'POST', `/v1/reviews/${summary.id}/submit`, body).catch((error: Error) => {
      if (!/: 409 /.test(error.message)) throw error;
    });
  });
  return todo.length;
}

/**
 * What people did with the cards: agents acknowledged most of their older cards; the demo agent disputes
 * an item of their latest card (left open for the lead); two older disputes were resolved, one accepted
 * by the lead and one rejected by QA with a reply. (The 1:1 sessions are held day by day: holdOneToOnes.)
 */
export async function coachingActions(api: Api, apiKey: string, yesterday: string, roster: Roster[], demoAgentId: string) {
  const demoTeam = roster.find((a) => a.id === demoAgentId)?.team ?? DEMO_TEAM_NAMES.pre_sales;
  const lead = await tokenFor(api, apiKey, { sub: 'demo-lead', role: 'lead', team: demoTeam });
  const reviewers = (await api(apiKey, 'GET', '/v1/reviewers')).data as { id: string }[];
  const qa = await tokenFor(api, apiKey, { sub: reviewers[0]!.id, role: 'qa' });
  const old = addDays(yesterday, -3);
  let acknowledged = 0;
  for (const [i, agent] of roster.entries()) {
    const token = await tokenFor(api, apiKey, { sub: `demo-agent-${agent.id}`, role: 'agent', agentId: agent.id });
    const cards = (await api(token, 'GET', '/v1/cards?limit=50')).data as { id: string; date: string; status: string }[];
    for (const [k, card] of cards.entries()) {
      const keep = agent.id === demoAgentId ? k === 0 : card.date > old || (i + k) % 7 === 0;
      if (keep || card.status === 'acknowledged') continue;
      await api(token, 'POST', `/v1/cards/${card.id}/acknowledge`);
      acknowledged++;
    }
  }
  /**
   * An agent disputes the first finding of their latest card (up to `date`) that `words` has a reason for
   * (else the first, with `other`'s): a reason that answers the item, as an agent would write it, and the
   * reply that resolves it, so the lead's list and the agent's card read as a real exchange.
   */
  type Exchange = { reason: string; reply?: string };
  const disputeFirst = async (agentId: string, date: string | null, words: Record<string, Exchange>) => {
    const token = await tokenFor(api, apiKey, { sub: `demo-agent-${agentId}`, role: 'agent', agentId });
    const list = (await api(token, 'GET', `/v1/cards?limit=50${date ? `&to=${date}` : ''}`)).data as { id: string; improvements: number }[];
    const withFinding = list.find((c) => c.improvements > 0);
    if (!withFinding) return null;
    const card = await api(token, 'GET', `/v1/cards/${withFinding.id}`);
    const findings = card.improvements as { itemId: string; reviewId: string; dispute: { id: string; status: string } | null }[];
    const item = findings.find((f) => words[f.itemId]) ?? findings[0]!;
    const exchange = words[item.itemId] ?? words.other!;
    if (item.dispute) return item.dispute.status === 'open' ? { id: item.dispute.id, reply: exchange.reply } : null;
    // A retry of a dispute that had landed answers 409: read it back from the card.
    const opened = await api(token, 'POST', '/v1/disputes', { reviewId: item.reviewId, itemId: item.itemId, reason: exchange.reason }).catch(async (error: Error) => {
      if (!/: 409 /.test(error.message)) throw error;
      return ((await api(token, 'GET', `/v1/cards/${withFinding.id}`)).improvements as typeof findings).find((f) => f.itemId === item.itemId)!.dispute!;
    });
    return { id: opened.id as string, reply: exchange.reply };
  };
  // The open one: the demo agent's latest card.
  await disputeFirst(demoAgentId, null, {
    needs_exploration: { reason: 'I did ask about the size and the occasion before recommending.' },
    greeting: { reason: 'My first reply greeted the customer, in the same message as the answer.' },
    closing: { reason: 'The customer left before I could close; I thanked them in my last reply.' },
    risk_awareness: { reason: 'Delivery in 3 to 5 days is our published policy, not a promise of my own.' },
    other: { reason: 'I think this finding is wrong: please read the conversation again.' },
  });
  const teammate = roster.find((a) => a.team === demoTeam && a.id !== demoAgentId);
  const other = roster.find((a) => a.team !== demoTeam);
  const settled = (error: Error) => {
    if (!/: 409 /.test(error.message)) throw error;
  };
  // One the lead accepts…
  const accepted = teammate
    ? await disputeFirst(teammate.id, addDays(yesterday, -6), {
        proactiveness: { reason: '我在第二句已经说明了发货时间', reply: '核对了记录，确实说明了，已改为达标' },
        reply_speed: { reason: '那段时间后台卡顿，消息晚发出了，系统记录能看到', reply: '核对了系统记录，确实是延迟，已改为达标' },
        greeting: { reason: '我第一句就问候了，和回答写在同一条里', reply: '确实有问候，已改为达标' },
        other: { reason: '我觉得这一项判得不对，请再看一下会话', reply: '重新看了会话，判定改为达标' },
      })
    : null;
  if (accepted) await api(lead, 'POST', `/v1/disputes/${accepted.id}/resolve`, { decision: 'accept', reply: accepted.reply }).catch(settled);
  // …and one QA rejects.
  const rejected = other
    ? await disputeFirst(other.id, addDays(yesterday, -5), {
        taboos: { reason: '顾客自己要求加微信', reply: '无论顾客是否要求，都不能引导到站外，请用平台内的联系方式' },
        reply_speed: { reason: '当时同时接待的顾客太多了', reply: '高峰时也要先回一句等候语，再逐个处理' },
        other: { reason: '我觉得这一项判得不对，请再看一下会话', reply: '重新看了会话，判定不变：请按评分项的说明改进' },
      })
    : null;
  if (rejected) await api(qa, 'POST', `/v1/disputes/${rejected.id}/resolve`, { decision: 'reject', reply: rejected.reply }).catch(settled);
  return { acknowledged };
}

/**
 * The 1:1 sessions held: every open task of a day up to `through` marked done with a note, by the demo
 * team's lead (the manager for the other team). Run after each day of the history, two days behind it, as
 * a lead holds them: an agent flagged again later then gets a new task, as in a store (marking them all
 * done at the end left agents flagged unstable with nothing to do).
 */
export async function holdOneToOnes(api: Api, apiKey: string, roster: Roster[], demoAgentId: string, through: string) {
  const manager = await tokenFor(api, apiKey, { sub: 'demo-manager', role: 'manager' });
  const demoTeam = roster.find((a) => a.id === demoAgentId)?.team ?? DEMO_TEAM_NAMES.pre_sales;
  const lead = await tokenFor(api, apiKey, { sub: 'demo-lead', role: 'lead', team: demoTeam });
  let done = 0;
  for (const task of (await api(manager, 'GET', '/v1/coaching/tasks?status=open')).data as { id: string; date: string; team: string | null }[]) {
    if (task.date > through) continue;
    await api(task.team === demoTeam ? lead : manager, 'POST', `/v1/coaching/tasks/${task.id}/done`, { note: '一对一复盘了问题对话，约定了改进点，一周后再看' }).catch((error: Error) => {
      if (!/: 409 /.test(error.message)) throw error;
    });
    done++;
  }
  return done;
}
