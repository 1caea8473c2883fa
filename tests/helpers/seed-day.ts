import { call, createConnection, createTestStore } from './api';
import { drained, ev, sendGeneric } from './generic';

/** The day the seeded conversations happened (ended long ago by any real clock these tests run on). */
export const SEED_DATE = '2026-11-21';

export interface SeededStore {
  storeId: string;
  apiKey: string;
  connection: { id: string; secret: string };
  /** Agent ids by name: A and B in team `pre`, C in team `post`. */
  agents: Record<'A' | 'B' | 'C', string>;
  reviewers: [string, string];
  /** Conversation ids by agent name. */
  conversations: Record<'A' | 'B' | 'C', string[]>;
  /** Reviews of SEED_DATE: id, agent, reviewer, status. */
  reviews: { id: string; agentId: string; reviewerId: string; conversationId: string }[];
}

/**
 * A store with a sampled day: three agents in two teams with three conversations each, two
 * reviewers, and the daily job run for SEED_DATE so every conversation has a pending review.
 */
export async function seedStoreDay(perAgent = 3): Promise<SeededStore> {
  const { storeId, apiKey } = await createTestStore();
  const connection = await createConnection(apiKey, 'generic');
  const names = ['A', 'B', 'C'] as const;
  const events = [];
  for (const [a, name] of names.entries()) {
    for (let k = 0; k < perAgent; k++) {
      const conv = `${name}-${k}`;
      events.push(
        ev.message(conv, `${conv}-q`, 'customer', '你好，有货吗？', a * 10 + k, 0),
        ev.message(conv, `${conv}-a`, 'agent', '亲，您好，有货的', a * 10 + k, 20, { id: `ext-${name}`, name }),
        ev.closed(conv, a * 10 + k + 1),
      );
    }
  }
  await sendGeneric(connection, { events });
  await drained(connection.id);
  const roster = (await call('GET', '/v1/agents', { token: apiKey })).json.data as { id: string; name: string }[];
  const agents = Object.fromEntries(names.map((n) => [n, roster.find((r) => r.name === n)!.id])) as SeededStore['agents'];
  for (const n of names) await call('PATCH', `/v1/agents/${agents[n]}`, { token: apiKey, body: { team: n === 'C' ? 'post' : 'pre' } });
  const reviewers: string[] = [];
  for (const name of ['R1', 'R2']) reviewers.push((await call('POST', '/v1/reviewers', { token: apiKey, body: { name } })).json.id);
  const list = (await call('GET', '/v1/conversations?limit=200', { token: apiKey })).json.data as { id: string; agentId: string }[];
  const conversations = Object.fromEntries(names.map((n) => [n, list.filter((c) => c.agentId === agents[n]).map((c) => c.id)])) as SeededStore['conversations'];
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
