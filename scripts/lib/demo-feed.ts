import { generateDemoDay } from '../../src/demo/generator';
import { addDays, localDate } from '../../src/lib/time';
import { pool, signStandardWebhook } from './standard-webhooks';

const TIMEZONE = 'Asia/Shanghai';

async function api(base: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  // biome-ignore lint/suspicious/noExplicitAny: the demo feed reads a few fields of the API's JSON, loosely
  const json = (await res.json().catch(() => null)) as any;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * Creates the demo store (once), completes its roster, feeds yesterday's demo day through the signed
 * webhook path, waits for the queue to settle, and runs the daily job for that day. Safe to re-run:
 * every delivery keeps its webhook-id and ids derive from the platform's, so a second run writes nothing twice.
 */
export async function feedDemoDay(base: string, operatorToken: string) {
  const demo = await api(base, operatorToken, 'POST', '/v1/operator/demo');
  const date = addDays(localDate(Date.now(), TIMEZONE), -1);
  const day = generateDemoDay({ seed: 'shopqa-demo', date, timezone: TIMEZONE });

  // The roster a manager would have entered: teams, hire dates, the excellent list.
  const existing = (await api(base, demo.apiKey, 'GET', '/v1/agents')).data as { id: string; externalIds: { externalId: string }[] }[];
  const known = new Set(existing.flatMap((a) => a.externalIds.map((e) => e.externalId)));
  for (const agent of day.agents) {
    if (known.has(agent.externalId)) continue;
    await api(base, demo.apiKey, 'POST', '/v1/agents', {
      name: agent.name,
      team: agent.team,
      phase: agent.team,
      hiredAt: agent.hiredAt,
      excellent: agent.excellent,
      externalIds: [{ connectionId: demo.connectionId, externalId: agent.externalId }],
    });
  }

  const reviewers = (await api(base, demo.apiKey, 'GET', '/v1/reviewers')).data as unknown[];
  if (!reviewers.length) for (const name of ['质检员 陈静', '质检员 刘强', 'QA Olivia']) await api(base, demo.apiKey, 'POST', '/v1/reviewers', { name });

  const url = `${base}/webhooks/generic/${demo.connectionId}`;
  // The webhook writes nothing itself: the consumer's counts say when every delivery is settled.
  const settled = async () => {
    const { deliveries } = (await api(base, demo.apiKey, 'GET', `/v1/connections/${demo.connectionId}`)).stats as { deliveries: Record<'processed' | 'ignored' | 'dead', number> };
    return deliveries.processed + deliveries.ignored + deliveries.dead;
  };
  const before = await settled();
  await pool(day.deliveries, 16, async ({ id, event }) => {
    const body = JSON.stringify(event);
    const res = await fetch(url, { method: 'POST', headers: signStandardWebhook(demo.secret, id, body), body });
    if (res.status !== 202) throw new Error(`webhook ${id}: ${res.status} ${await res.text()}`);
  });
  for (let i = 0; i < 600 && (await settled()) < before + day.deliveries.length; i++) await new Promise((r) => setTimeout(r, 200));
  await runDailyJob(base, demo.apiKey, date);
  return { ...demo, date, agents: day.agents.length, conversations: day.conversations, delivered: day.deliveries.length };
}

async function runDailyJob(base: string, apiKey: string, date: string) {
  const res = await fetch(`${base}/v1/jobs/daily`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ date }) });
  if (res.status === 404) return null; // the daily job is not deployed in this build
  if (!res.ok) throw new Error(`daily job: ${res.status} ${await res.text()}`);
  return res.json();
}
