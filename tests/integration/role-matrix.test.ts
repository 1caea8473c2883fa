import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/api';
import { operations, opName, opensTo, pathParams, resourceOf, type Operation, type Parameter } from '../helpers/openapi-ops';
import { buildWorld, hiddenFrom, REACH, reaches, type Principal, type World } from '../helpers/reach';
import { passingItems, SEED_DATE } from '../helpers/seed-day';
import { dumpStore } from '../helpers/store-dump';

/**
 * Role scope, generated from the route table: for an agent, a lead and a QA reviewer, every
 * id-taking operation their role may call answers 404 (and changes nothing) for ids outside their
 * reach, and every list or aggregate they may read holds nothing from outside it, however the query
 * is widened. A route declared later is covered by being declared; a new kind of id needs a line in
 * REACH (tests/helpers/reach.ts), and an operation with a body an example below.
 */
let world: World;
let ops: Operation[];
const bodies: Record<string, unknown> = {
  'post /v1/disputes/{id}/resolve': { decision: 'reject', reply: '结束语确实缺少' },
  'post /v1/coaching/tasks/{id}/done': { note: '已沟通' },
};

beforeAll(async () => {
  world = await buildWorld();
  ({ ops } = await operations());
  bodies['post /v1/reviews/{id}/submit'] = { items: await passingItems(world.store.apiKey, world.store.reviews[0]!.id) };
}, 240_000);

/** A value for a query parameter the operation needs, chosen to be inside the principal's reach. */
function inside(p: Principal, q: Parameter): string | undefined {
  const agent = world.things.agents.find((a) => reaches(p, 'agents', a))!.id;
  const byName: Record<string, string> = { agentId: agent, date: SEED_DATE, from: '2026-11-01', to: '2026-11-30', month: '2026-11' };
  return byName[q.name] ?? (q.required ? 'x' : undefined);
}

/** Values that try to widen a list past the caller's reach: another team's agent, the other reviewer. */
const widening = (): Record<string, string> => ({ agentId: world.store.agents.C, team: 'post', reviewerId: world.store.reviewers[1] });

describe('role scope from the route table', () => {
  it('every id-taking operation open to a role is 404 for ids outside its reach, and changes nothing', async () => {
    const failures: string[] = [];
    let checked = 0;
    const before = await dumpStore(world.store.storeId);
    for (const p of world.principals) {
      for (const op of ops.filter((o) => opensTo(o, p.role) && pathParams(o).length)) {
        const resource = resourceOf(op)!;
        const reach = REACH[resource];
        if (!reach) {
          failures.push(`${opName(op)}: declare in REACH (tests/helpers/reach.ts) how ${resource} ids are limited by role`);
          continue;
        }
        if (reach === 'store-wide') continue;
        if (op.body && bodies[opName(op)] === undefined) failures.push(`${opName(op)}: needs an example body`);
        const path = (id: string) => op.path.replace(/\{\w+\}/, id);
        for (const t of world.things[reach].filter((x) => !reaches(p, reach, x))) {
          const res = await call(op.method.toUpperCase(), path(t.id), { token: p.token, body: bodies[opName(op)] });
          checked++;
          if (res.status !== 404 || res.json?.error?.code !== 'not_found') failures.push(`${p.name}: ${opName(op)} outside reach (${t.agent}) → ${res.status}`);
        }
        // The 404 is about reach, not the route: an id inside it answers (reads only; writes would change rows).
        const within = world.things[reach].find((x) => reaches(p, reach, x));
        if (op.method === 'get' && within) {
          const res = await call('GET', path(within.id), { token: p.token });
          if (res.status !== 200) failures.push(`${p.name}: ${opName(op)} inside reach → ${res.status} ${res.text.slice(0, 100)}`);
        }
      }
    }
    console.log(JSON.stringify({ role_matrix_out_of_reach_calls: checked }));
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(80);
    expect(await dumpStore(world.store.storeId)).toBe(before);
  });

  it('every list and aggregate open to a role holds nothing outside its reach, however the query is widened', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const p of world.principals) {
      const hidden = hiddenFrom(world, p);
      for (const op of ops.filter((o) => o.method === 'get' && opensTo(o, p.role) && !pathParams(o).length)) {
        const params = op.parameters.filter((q) => q.in === 'query');
        const base = Object.fromEntries(params.flatMap((q) => (q.required || q.name === 'agentId' ? [[q.name, inside(p, q)!]] : [])));
        const wide = params.filter((q) => widening()[q.name]).map((q) => ({ ...base, [q.name]: widening()[q.name]! }));
        for (const [i, query] of [base, ...wide].entries()) {
          const qs = new URLSearchParams(query).toString();
          const res = await call('GET', `${op.path}${qs ? `?${qs}` : ''}`, { token: p.token });
          checked++;
          // The plain query answers; a widened one may be refused (404) or narrowed, never widened.
          if (res.status !== 200 && !(i > 0 && res.status === 404)) failures.push(`${p.name}: ${opName(op)} ?${qs} → ${res.status} ${res.text.slice(0, 120)}`);
          const leaked = hidden.filter((h) => res.text.includes(h));
          if (leaked.length) failures.push(`${p.name}: ${opName(op)} ?${qs} shows ${leaked.length} things outside its reach, e.g. ${leaked[0]}`);
        }
      }
    }
    console.log(JSON.stringify({ role_matrix_list_reads: checked }));
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it("a lead's aggregates count their team only, agreeing with the lists the same token sees", async () => {
    const lead = world.principals.find((p) => p.role === 'lead')!;
    const teamAgents = new Set(world.things.agents.filter((a) => reaches(lead, 'agents', a)).map((a) => a.id));
    const day = (await call('GET', `/v1/samples?date=${SEED_DATE}`, { token: lead.token })).json;
    const visible = (await call('GET', '/v1/conversations?limit=200', { token: lead.token })).json.data;
    expect(day.coverage).toMatchObject({
      agentsActive: day.agents.length,
      conversations: visible.length,
      selected: day.agents.reduce((n: number, a: { selected: unknown[] }) => n + a.selected.length, 0),
    });
    expect(day.agents.map((a: { agentId: string }) => a.agentId).sort()).toEqual([...teamAgents].sort());
    const blind = world.store.reviews.filter((r) => r.blind);
    expect((await call('GET', `/v1/reports/calibration?date=${SEED_DATE}`, { token: lead.token })).json.pairs).toBe(blind.filter((r) => teamAgents.has(r.agentId)).length);
    expect((await call('GET', `/v1/reports/calibration?date=${SEED_DATE}`, { token: world.store.apiKey })).json.pairs).toBe(blind.length);
  });
});
