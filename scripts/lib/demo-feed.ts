import { type DemoDelivery, generateDemoDay } from '../../src/demo/generator';
import { addDays, localDate, localDayRange } from '../../src/lib/time';
import { type Api, coachingActions, holdOneToOnes, reviewDay, waitScored } from './demo-history';
import { pool, signStandardWebhook } from './standard-webhooks';

const TIMEZONE = 'Asia/Shanghai';
const RETRIES = 6;
/** Days of history before yesterday: cards, trends, flags and repeat errors need a past. */
const HISTORY_DAYS = 13;

/**
 * fetch that survives a dropped connection: the local Worker restarts or resets a socket now and then
 * while it warms up (one fresh start in four failed on it), and wrangler dev answers 503 while it reloads.
 * Network errors, 429 and 5xx are retried with backoff; `request` builds the request anew each time
 * (webhooks are re-signed with a fresh timestamp but keep their webhook-id, so a delivery that did land
 * is acknowledged as a duplicate). A retried write that had landed answers 409, which callers expect.
 */
export async function fetchWithRetry(label: string, request: () => { url: string; init: RequestInit }, beforeRetry?: () => Promise<Response | null>): Promise<Response> {
  let lastError: unknown;
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    if (attempt > 0) {
      await new Promise((r) => setTimeout(r, 250 * 2 ** (attempt - 1)));
      const settled = await beforeRetry?.().catch(() => null);
      if (settled) return settled;
    }
    try {
      const { url, init } = request();
      const res = await fetch(url, init);
      if (res.status !== 429 && res.status < 500) return res;
      lastError = new Error(`${label}: ${res.status} ${await res.text().catch(() => '')}`);
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`${label}: gave up after ${RETRIES} attempts: ${String((lastError as Error)?.message ?? lastError)}`);
}

function client(base: string): Api {
  return async (token, method, path, body, beforeRetry) => {
    const res = await fetchWithRetry(
      `${method} ${path}`,
      () => ({ url: `${base}${path}`, init: { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) } }),
      beforeRetry,
    );
    // biome-ignore lint/suspicious/noExplicitAny: the demo feed reads a few fields of the API's JSON, loosely
    const json = (await res.json().catch(() => null)) as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

async function deliver(base: string, demo: { connectionId: string; secret: string }, deliveries: DemoDelivery[] | { id: string; event: unknown }[]) {
  const url = `${base}/webhooks/generic/${demo.connectionId}`;
  await pool(deliveries, 16, async ({ id, event }) => {
    const body = JSON.stringify(event);
    const res = await fetchWithRetry(`webhook ${id}`, () => ({ url, init: { method: 'POST', headers: signStandardWebhook(demo.secret, id, body), body } }));
    if (res.status !== 202) throw new Error(`webhook ${id}: ${res.status} ${await res.text()}`);
  });
}

/**
 * The demo store's history, through the real path: for each of the last 14 local days, the day's chats as
 * signed webhooks, AutoQA, the daily sample, and the demo QA reviewers' reviews (each agent's last review
 * making their card, the cards setting the unstable flag that boosts the next day's sample); then what
 * agents, the lead and QA did with the cards. Each conversation is one webhook delivery; past days are
 * smaller than yesterday, a full day. A day already sampled is not fed again, so a restart only adds
 * the days since the last one.
 */
export async function feedDemoDay(base: string, operatorToken: string, log: (line: string) => void = () => {}) {
  const api = client(base);
  const started = Date.now();
  const demo = await api(operatorToken, 'POST', '/v1/operator/demo');
  const key = demo.apiKey as string;
  const yesterday = addDays(localDate(Date.now(), TIMEZONE), -1);
  const day = generateDemoDay({ seed: 'shopqa-demo', date: yesterday, timezone: TIMEZONE });

  // The roster a manager would have entered: teams, hire dates, the excellent list.
  let roster = (await api(key, 'GET', '/v1/agents')).data as { id: string; name: string; team: string | null; hiredAt: string | null; externalIds: { externalId: string }[] }[];
  const known = new Set(roster.flatMap((a) => a.externalIds.map((e) => e.externalId)));
  // A retried creation first looks whether the dropped attempt landed, so no agent is made twice.
  const landed = (externalId: string) => async () => {
    const now = (await api(key, 'GET', '/v1/agents')).data as { externalIds: { externalId: string }[] }[];
    return now.some((a) => a.externalIds.some((e) => e.externalId === externalId)) ? new Response('{}', { status: 201 }) : null;
  };
  for (const agent of day.agents) {
    if (known.has(agent.externalId)) continue;
    const body = { name: agent.name, team: agent.teamName, phase: agent.team, hiredAt: agent.hiredAt, excellent: agent.excellent, externalIds: [{ connectionId: demo.connectionId, externalId: agent.externalId }] };
    await api(key, 'POST', '/v1/agents', body, landed(agent.externalId));
  }
  roster = (await api(key, 'GET', '/v1/agents')).data;
  const reviewers = (await api(key, 'GET', '/v1/reviewers')).data as unknown[];
  if (!reviewers.length) for (const name of ['质检员 陈静', '质检员 刘强', 'QA Olivia']) await api(key, 'POST', '/v1/reviewers', { name });
  const hired = new Map(roster.map((a) => [a.externalIds[0]?.externalId ?? '', a.hiredAt ?? '']));

  // The webhook writes nothing itself: the consumer's counts say when every delivery is settled.
  const settled = async () => {
    const { deliveries } = (await api(key, 'GET', `/v1/connections/${demo.connectionId}`)).stats as { deliveries: Record<'processed' | 'ignored' | 'dead', number> };
    return deliveries.processed + deliveries.ignored + deliveries.dead;
  };
  let conversations = 0;
  let delivered = 0;
  let reviewed = 0;
  let tasksDone = 0;
  for (let daysAgo = HISTORY_DAYS + 1; daysAgo >= 1; daysAgo--) {
    const date = addDays(yesterday, -(daysAgo - 1));
    const sampled = await fetchWithRetry(`GET samples ${date}`, () => ({ url: `${base}/v1/samples?date=${date}`, init: { headers: { authorization: `Bearer ${key}` } } }));
    if (sampled.status !== 200) {
      const full = daysAgo === 1;
      const generated = full ? day : generateDemoDay({ seed: 'shopqa-demo', date, timezone: TIMEZONE, conversationsPerAgent: [5, 8] });
      // Nobody answers chats before their hire date.
      const working = generated.deliveries.filter((d) => (hired.get(String(d.event.data.conversation_id).split('-').slice(1, -1).join('-')) ?? '') <= date);
      // One delivery per conversation (the generic format takes a batch of events): the same ingest, fewer requests.
      const batches = [...Map.groupBy(working, (d) => String(d.event.data.conversation_id))].map(([id, list]) => ({ id: `demo-${id}`, event: { events: list.map((d) => d.event) } }));
      const before = await settled();
      await deliver(base, demo, batches);
      delivered += batches.length;
      conversations += new Set(working.map((d) => d.event.data.conversation_id)).size;
      for (let i = 0; i < 600 && (await settled()) < before + batches.length; i++) await new Promise((r) => setTimeout(r, 200));
      const { start, end } = localDayRange(date, TIMEZONE);
      await waitScored(api, key, new Date(start).toISOString(), new Date(end).toISOString());
      await api(key, 'POST', '/v1/jobs/daily', { date });
    }
    // Yesterday's queue is left part-done: a third of the agents still wait for their reviews (and card).
    const leavePending = daysAgo === 1 ? new Set(day.agents.filter((_, i) => i % 3 === 1).map((a) => a.externalId)) : undefined;
    reviewed += await reviewDay(api, key, date, daysAgo - 1, day.agents, roster, { leavePending, forceFor: daysAgo === 1 ? roster[0]?.externalIds[0]?.externalId : undefined });
    tasksDone += await holdOneToOnes(api, key, roster, roster[0]!.id, addDays(date, -2));
    log(`  ${date}: sampled and reviewed (${HISTORY_DAYS + 2 - daysAgo}/${HISTORY_DAYS + 1})`);
  }
  const actions = await coachingActions(api, key, yesterday, roster, roster[0]!.id);
  return { ...demo, date: yesterday, days: HISTORY_DAYS + 1, agents: day.agents.length, conversations, delivered, reviewed, ...actions, tasksDone, seconds: Math.round((Date.now() - started) / 1000) };
}
