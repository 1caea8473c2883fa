import type { WidgetRole } from '../../src/domain/enums';
import { call } from './api';
import { AGENT_NAMES, mintToken, passingItems, SEED_DATE, seedStoreDay, TEAM_OF, type AgentKey, type SeededStore } from './seed-day';

/**
 * The role matrix's world: a sampled, reviewed day with everything an id can name — agents,
 * conversations, reviews, coaching cards, disputes, good examples, 1:1 tasks — each tagged with the
 * agent it belongs to, and who may reach it by role. A new kind of id needs one entry in REACH.
 */
export interface Thing {
  /** The id the path takes. */
  id: string;
  /** Every id that names the thing or travels with it (a good example carries its conversation). */
  ids: string[];
  agent: AgentKey;
  reviewer?: string;
  blind?: boolean;
}

export interface Principal {
  name: string;
  role: WidgetRole;
  token: string;
  agent?: AgentKey;
  team?: string;
  reviewer?: string;
}

export type Resource = 'agents' | 'conversations' | 'reviews' | 'cards' | 'disputes' | 'good-examples' | 'tasks';

/**
 * Who reaches what (SPEC §6): an agent their own data, but their team's good examples (praise in
 * public) and never a calibration copy; a lead their team's; QA their own review queue and the store's
 * coaching; configuration (reviewers, scorecards) is the same for every role that may read it.
 */
export const REACH: Record<string, Resource | 'store-wide'> = {
  agents: 'agents',
  conversations: 'conversations',
  reviews: 'reviews',
  cards: 'cards',
  disputes: 'disputes',
  'good-examples': 'good-examples',
  tasks: 'tasks',
  reviewers: 'store-wide',
  scorecards: 'store-wide',
};

export function reaches(p: Principal, resource: Resource, t: Thing): boolean {
  switch (p.role) {
    case 'agent':
      if (resource === 'good-examples') return TEAM_OF[t.agent] === TEAM_OF[p.agent!];
      return t.agent === p.agent && !(resource === 'reviews' && t.blind);
    case 'lead':
      return TEAM_OF[t.agent] === p.team;
    case 'qa':
      return resource === 'reviews' ? t.reviewer === p.reviewer : true;
    default:
      return true;
  }
}

export interface World {
  store: SeededStore;
  things: Record<Resource, Thing[]>;
  principals: Principal[];
}

const keyOf = (s: SeededStore, agentId: string) => (Object.keys(s.agents) as AgentKey[]).find((k) => s.agents[k] === agentId)!;

/** Seeds the day, submits every review (one finding each, one good example per agent), opens a dispute per agent and a 1:1 task for A and C. */
export async function buildWorld(): Promise<World> {
  // Enough conversations for blind calibration pairs (20+ selections at a 20% rate).
  const store = await seedStoreDay({ perAgent: 8, sampling: { standardQuota: 10, calibrationRate: 0.2 } });
  const praised = new Set<AgentKey>();
  for (const review of store.reviews) {
    const key = keyOf(store, review.agentId);
    const items = (await passingItems(store.apiKey, review.id)).map((i) => (i.itemId === 'closing' ? { itemId: 'closing', outcome: 'fail' as const, comment: '没有结束语' } : i));
    const goodExample = !review.blind && !praised.has(key);
    if (goodExample) praised.add(key);
    const res = await call('POST', `/v1/reviews/${review.id}/submit`, { token: store.apiKey, body: { items, goodExample } });
    if (res.status !== 200) throw new Error(`submit: ${res.status} ${res.text}`);
  }
  const keys = Object.keys(AGENT_NAMES) as AgentKey[];
  const tokens = Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await mintToken(store.apiKey, { sub: `user-${k}`, role: 'agent', agentId: store.agents[k] })]))) as Record<AgentKey, string>;
  for (const k of keys) {
    const review = store.reviews.find((r) => r.agentId === store.agents[k] && !r.blind)!;
    const res = await call('POST', '/v1/disputes', { token: tokens[k], body: { reviewId: review.id, itemId: 'closing', reason: '我说了再见' } });
    if (res.status !== 201) throw new Error(`dispute: ${res.status} ${res.text}`);
  }
  for (const k of ['A', 'C'] as const) await call('PATCH', `/v1/coaching/agents/${store.agents[k]}/flags`, { token: store.apiKey, body: { unstable: true, reason: 'test' } });

  const list = async (path: string) => (await call('GET', path, { token: store.apiKey })).json.data as Record<string, any>[];
  const things: World['things'] = {
    agents: keys.map((k) => ({ id: store.agents[k], ids: [store.agents[k]], agent: k })),
    conversations: keys.flatMap((k) => store.conversations[k].map((id) => ({ id, ids: [id], agent: k }))),
    reviews: store.reviews.map((r) => ({ id: r.id, ids: [r.id], agent: keyOf(store, r.agentId), reviewer: r.reviewerId, blind: r.blind })),
    cards: (await list(`/v1/cards?date=${SEED_DATE}`)).map((c) => ({ id: c.id, ids: [c.id], agent: keyOf(store, c.agentId) })),
    disputes: (await list('/v1/disputes')).map((d) => ({ id: d.id, ids: [d.id], agent: keyOf(store, d.agentId) })),
    // A good example shows its conversation, and (unless the store hides names) whose it is: praise in public.
    'good-examples': (await list('/v1/coaching/good-examples')).map((g) => ({ id: g.reviewId, ids: [g.reviewId, g.conversationId, g.agentId].filter(Boolean), agent: keyOf(store, g.agentId) })),
    tasks: (await list('/v1/coaching/tasks')).map((t) => ({ id: t.id, ids: [t.id], agent: keyOf(store, t.agentId) })),
  };
  for (const [resource, found] of Object.entries(things)) if (!found.length) throw new Error(`the world has no ${resource}`);
  const principals: Principal[] = [
    { name: 'agent A', role: 'agent', token: tokens.A, agent: 'A' },
    { name: 'lead of pre', role: 'lead', token: await mintToken(store.apiKey, { sub: 'lead-pre', role: 'lead', team: 'pre' }), team: 'pre' },
    { name: 'reviewer one', role: 'qa', token: await mintToken(store.apiKey, { sub: store.reviewers[0], role: 'qa' }), reviewer: store.reviewers[0] },
  ];
  return { store, things, principals };
}

/** Ids and names a principal must never be shown: those of the store that no resource lets it reach. */
export function hiddenFrom(world: World, p: Principal): string[] {
  const reachable = new Set<string>();
  const all = new Set<string>();
  for (const [resource, list] of Object.entries(world.things) as [Resource, Thing[]][]) {
    for (const t of list) {
      for (const id of t.ids) all.add(id);
      if (reaches(p, resource, t)) for (const id of t.ids) reachable.add(id);
    }
  }
  // Names: of agents no resource lets the principal reach at all.
  const names = (Object.keys(AGENT_NAMES) as AgentKey[]).filter((k) => !reachable.has(world.store.agents[k])).map((k) => AGENT_NAMES[k]);
  return [...[...all].filter((id) => !reachable.has(id)), ...names];
}
