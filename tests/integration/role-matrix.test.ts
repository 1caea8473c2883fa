import { beforeAll, describe, expect, it } from 'vitest';
import type { WidgetRole } from '../../src/domain/enums';
import { call } from '../helpers/api';
import { operations, opName, opensTo, pathParams, resourceOf, type Operation } from '../helpers/openapi-ops';
import { AGENT_NAMES, mintToken, passingItems, SEED_DATE, seedStoreDay, TEAM_OF, type AgentKey, type SeededStore } from '../helpers/seed-day';
import { dumpStore } from '../helpers/store-dump';

/**
 * Role scope, generated from the route table: for an agent, a lead and a QA reviewer, every
 * id-taking operation their role may call answers 404 (and changes nothing) for ids outside their
 * reach, and every list or aggregate they may read holds nothing from outside it. A route declared
 * later is covered here by being declared; a new resource needs one line in REACH_OF.
 */
type Reach = { agents: Set<string>; conversations: Set<string>; reviews: Set<string> };
interface Principal {
  name: string;
  role: WidgetRole;
  token: string;
  reach: Reach;
  /** Words that must never reach this principal: other agents' names. */
  hiddenNames: string[];
}

/** How each resource's ids are limited by role; `store-wide` = the same for every role that may read it (configuration). */
const REACH_OF: Record<string, keyof Reach | 'store-wide'> = {
  agents: 'agents',
  conversations: 'conversations',
  reviews: 'reviews',
  reviewers: 'store-wide',
  scorecards: 'store-wide',
};

/** Query values that try to widen a list past the caller's reach. */
const widening = (s: SeededStore): Record<string, string> => ({ agentId: s.agents.C, team: 'post', reviewerId: s.reviewers[1] });

let store: SeededStore;
let ops: Operation[];
let principals: Principal[];
let all: Reach;
const bodies: Record<string, unknown> = {};

const keysIn = (team: string) => (Object.keys(TEAM_OF) as AgentKey[]).filter((k) => TEAM_OF[k] === team);
function reachOf(s: SeededStore, keys: AgentKey[], reviewer?: string): Reach {
  const agents = new Set(keys.map((k) => s.agents[k]));
  return {
    agents,
    conversations: new Set(keys.flatMap((k) => s.conversations[k])),
    reviews: new Set(s.reviews.filter((r) => (reviewer ? r.reviewerId === reviewer : agents.has(r.agentId))).map((r) => r.id)),
  };
}

beforeAll(async () => {
  // Enough conversations for blind calibration pairs (20+ selections at a 20% rate), all submitted.
  store = await seedStoreDay({ perAgent: 8, sampling: { standardQuota: 10, calibrationRate: 0.2 } });
  for (const review of store.reviews) await call('POST', `/v1/reviews/${review.id}/submit`, { token: store.apiKey, body: { items: await passingItems(store.apiKey, review.id) } });
  ({ ops } = await operations());
  const everyone = Object.keys(AGENT_NAMES) as AgentKey[];
  all = reachOf(store, everyone);
  const visible = (keys: AgentKey[]) => everyone.filter((k) => !keys.includes(k)).map((k) => AGENT_NAMES[k]);
  principals = [
    { name: 'agent A', role: 'agent', token: await mintToken(store.apiKey, { sub: 'a', role: 'agent', agentId: store.agents.A }), reach: reachOf(store, ['A']), hiddenNames: visible(['A']) },
    { name: 'lead of pre', role: 'lead', token: await mintToken(store.apiKey, { sub: 'l', role: 'lead', team: 'pre' }), reach: reachOf(store, keysIn('pre')), hiddenNames: visible(keysIn('pre')) },
    { name: 'reviewer one', role: 'qa', token: await mintToken(store.apiKey, { sub: store.reviewers[0], role: 'qa' }), reach: { ...all, reviews: reachOf(store, everyone, store.reviewers[0]).reviews }, hiddenNames: [] },
  ];
  bodies['post /v1/reviews/{id}/submit'] = { items: await passingItems(store.apiKey, store.reviews[0]!.id) };
}, 120_000);

/** Ids (and names) a principal must never see: everything of the store outside its reach. */
function hidden(p: Principal): string[] {
  const outside = (k: keyof Reach) => [...all[k]].filter((id) => !p.reach[k].has(id));
  return [...outside('agents'), ...outside('conversations'), ...outside('reviews'), ...p.hiddenNames];
}

describe('role scope from the route table', () => {
  it('every id-taking operation open to a role is 404 for ids outside its reach, and changes nothing', async () => {
    const failures: string[] = [];
    let checked = 0;
    const before = await dumpStore(store.storeId);
    for (const p of principals) {
      for (const op of ops.filter((o) => opensTo(o, p.role) && pathParams(o).length)) {
        const resource = resourceOf(op)!;
        const reach = REACH_OF[resource];
        if (!reach) {
          failures.push(`${opName(op)}: declare in REACH_OF how ${resource} ids are limited by role`);
          continue;
        }
        if (reach === 'store-wide') continue;
        if (op.body && bodies[opName(op)] === undefined) failures.push(`${opName(op)}: needs an example body`);
        const path = (id: string) => op.path.replace(/\{\w+\}/, id);
        for (const id of [...all[reach]].filter((x) => !p.reach[reach].has(x))) {
          const res = await call(op.method.toUpperCase(), path(id), { token: p.token, body: bodies[opName(op)] });
          checked++;
          if (res.status !== 404 || res.json?.error?.code !== 'not_found') failures.push(`${p.name}: ${opName(op)} outside reach → ${res.status}`);
        }
        // The 404 is about reach, not the route: one id inside it answers (reads only; writes would change rows).
        const inside = [...p.reach[reach]][0];
        if (op.method === 'get' && inside && (await call('GET', path(inside), { token: p.token })).status !== 200) failures.push(`${p.name}: ${opName(op)} inside reach is not 200`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
    expect(await dumpStore(store.storeId)).toBe(before);
  });

  it('every list and aggregate open to a role holds nothing outside its reach, however the query is widened', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const p of principals) {
      for (const op of ops.filter((o) => o.method === 'get' && opensTo(o, p.role) && !pathParams(o).length)) {
        const base: Record<string, string> = {};
        for (const q of op.parameters.filter((x) => x.in === 'query' && x.required)) base[q.name] = q.name === 'date' ? SEED_DATE : 'x';
        const variants = [base, ...op.parameters.filter((q) => q.in === 'query' && widening(store)[q.name]).map((q) => ({ ...base, [q.name]: widening(store)[q.name]! }))];
        for (const query of variants) {
          const res = await call('GET', `${op.path}?${new URLSearchParams(query)}`, { token: p.token });
          checked++;
          if (res.status !== 200) failures.push(`${p.name}: ${opName(op)} ?${new URLSearchParams(query)} → ${res.status}`);
          const leaked = hidden(p).filter((h) => res.text.includes(h));
          if (leaked.length) failures.push(`${p.name}: ${opName(op)} ?${new URLSearchParams(query)} shows ${leaked.length} things outside its reach, e.g. ${leaked[0]}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(8);
  });

  it("a lead's aggregates count their team only, agreeing with the lists the same token sees", async () => {
    const lead = principals.find((p) => p.role === 'lead')!;
    const day = (await call('GET', `/v1/samples?date=${SEED_DATE}`, { token: lead.token })).json;
    const visible = (await call('GET', '/v1/conversations?limit=200', { token: lead.token })).json.data;
    expect(day.coverage).toMatchObject({
      agentsActive: day.agents.length,
      conversations: visible.length,
      selected: day.agents.reduce((n: number, a: { selected: unknown[] }) => n + a.selected.length, 0),
    });
    expect(day.agents.map((a: { agentId: string }) => a.agentId).sort()).toEqual([...lead.reach.agents].sort());
    const teamPairs = store.reviews.filter((r) => r.blind && lead.reach.agents.has(r.agentId)).length;
    expect((await call('GET', `/v1/reports/calibration?date=${SEED_DATE}`, { token: lead.token })).json.pairs).toBe(teamPairs);
    expect((await call('GET', `/v1/reports/calibration?date=${SEED_DATE}`, { token: store.apiKey })).json.pairs).toBe(store.reviews.filter((r) => r.blind).length);
  });
});
