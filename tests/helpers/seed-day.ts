import { call, createConnection, createTestStore } from './api';
import { scored } from './fault-day';
import { drained, ev, sendGeneric } from './generic';

/** The day the seeded conversations happened (ended long ago by any real clock these tests run on). */
export const SEED_DATE = '2026-11-21';

/** Agents by key, with names distinct enough to be searched for in any response. */
export const AGENT_NAMES = { A: 'Alpha Agent', B: 'Bravo Agent', C: 'Charlie Agent' } as const;
export type AgentKey = keyof typeof AGENT_NAMES;
export const TEAM_OF: Record<AgentKey, string> = { A: 'pre', B: 'pre', C: 'post' };

export interface SeededStore {
  storeId: string;
  apiKey: string;
  connection: { id: string; secret: string };
  /** Agent ids by key: A and B in team `pre`, C in team `post`. */
  agents: Record<AgentKey, string>;
  reviewers: [string, string];
  /** Conversation ids by agent key. */
  conversations: Record<AgentKey, string[]>;
  /** Reviews of SEED_DATE (the API key's view). */
  reviews: { id: string; agentId: string; reviewerId: string; conversationId: string; blind: boolean }[];
}

/**
 * A store with a sampled day: three agents in two teams with `perAgent` conversations each, two
 * reviewers, and the daily job run for SEED_DATE under `sampling` (the store's sampling policy).
 */
export async function seedStoreDay(opts: { perAgent?: number; sampling?: Record<string, unknown> } = {}): Promise<SeededStore> {
  const perAgent = opts.perAgent ?? 3;
  const { storeId, apiKey } = await createTestStore();
  if (opts.sampling) await call('PATCH', '/v1/settings', { token: apiKey, body: { sampling: opts.sampling } });
  const connection = await createConnection(apiKey, 'generic');
  const keys = Object.keys(AGENT_NAMES) as AgentKey[];
  const events = [];
  for (const [a, key] of keys.entries()) {
    for (let k = 0; k < perAgent; k++) {
      const conv = `${key}-${k}`;
      const minute = a * 15 + k;
      events.push(
        ev.message(conv, `${conv}-q`, 'customer', '你好，有货吗？', minute, 0),
        ev.message(conv, `${conv}-a`, 'agent', '亲，您好，有货的', minute, 20, { id: `ext-${key}`, name: AGENT_NAMES[key] }),
        ev.closed(conv, minute + 1),
      );
    }
  }
  for (let i = 0; i < events.length; i += 120) await sendGeneric(connection, { events: events.slice(i, i + 120) });
  await drained(connection.id);
  // Every closed conversation scored before the day is sampled: nothing of the store still moves on the queue.
  await scored(storeId, 60_000);
  const roster = (await call('GET', '/v1/agents', { token: apiKey })).json.data as { id: string; name: string }[];
  const agents = Object.fromEntries(keys.map((k) => [k, roster.find((r) => r.name === AGENT_NAMES[k])!.id])) as SeededStore['agents'];
  for (const k of keys) await call('PATCH', `/v1/agents/${agents[k]}`, { token: apiKey, body: { team: TEAM_OF[k] } });
  const reviewers: string[] = [];
  for (const name of ['Reviewer One', 'Reviewer Two']) reviewers.push((await call('POST', '/v1/reviewers', { token: apiKey, body: { name } })).json.id);
  const list = (await call('GET', '/v1/conversations?limit=200', { token: apiKey })).json.data as { id: string; agentId: string }[];
  const conversations = Object.fromEntries(keys.map((k) => [k, list.filter((c) => c.agentId === agents[k]).map((c) => c.id)])) as SeededStore['conversations'];
  const job = await call('POST', '/v1/jobs/daily', { token: apiKey, body: { date: SEED_DATE } });
  if (job.status !== 201) throw new Error(`daily job failed: ${job.status} ${job.text}`);
  const reviews = (await call('GET', '/v1/reviews', { token: apiKey })).json.data;
  return { storeId, apiKey, connection, agents, reviewers: reviewers as [string, string], conversations, reviews };
}

/** Mints a widget token with the store's API key; throws unless it is issued. */
export async function mintToken(apiKey: string, body: Record<string, unknown>): Promise<string> {
  const res = await call('POST', '/v1/widget-tokens', { token: apiKey, body });
  if (res.status !== 201) throw new Error(`mint failed: ${res.status} ${res.text}`);
  return res.json.token as string;
}

/** Submittable items for a review: every item of its scorecard version passes. */
export async function passingItems(apiKey: string, reviewId: string) {
  const detail = (await call('GET', `/v1/reviews/${reviewId}`, { token: apiKey })).json;
  return (detail.items as { itemId: string }[]).map((i) => ({ itemId: i.itemId, outcome: 'pass' as const }));
}
