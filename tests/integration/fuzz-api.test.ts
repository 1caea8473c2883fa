import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_API_BODY_BYTES } from '../../src/http/app';
import { hashSeed } from '../../src/lib/random';
import { call, createTestStore, OPERATOR_TOKEN } from '../helpers/api';
import { scored } from '../helpers/fault-day';
import { operations, opName, pathParams, resourceOf, type Operation } from '../helpers/openapi-ops';
import { arbitraryOf, hostileBodies, leafSweep, mutated, type Hints } from '../helpers/schema-arbitrary';
import { passingItems, SEED_DATE, seedStoreDay, type SeededStore } from '../helpers/seed-day';
import { watchWrites } from '../helpers/write-counter';

/**
 * Every JSON operation of /openapi.json, fuzzed from its own schemas: values the schema allows,
 * the same values with one hostile change, hostile query and path values, and raw bodies that are
 * not JSON at all. Whatever comes in, the answer is never a 5xx, every refusal is the error
 * envelope, and a refused request writes nothing (a trigger counts every write to the stores'
 * rows). Seeded per operation, so a run is the same every time and a new route adds its own cases.
 */
const VALID_RUNS = 8;
const HOSTILE_RUNS = 20;

let store: SeededStore;
let victim: { storeId: string; apiKey: string };
let ops: Operation[];
let watch: Awaited<ReturnType<typeof watchWrites>>;
let sent = 0;
let hints: Hints;
/** Known-good bodies (a real scorecard, a complete submission): valid cases that pass every refinement, and bases for hostile changes deep inside. */
const examples: Record<string, unknown> = {};

/** Ids a path parameter is tried with: one real id of the resource, another store's, and hostile ones. */
function pathValues(op: Operation): string[] {
  const real: Record<string, string | undefined> = {
    agents: store.agents.A,
    conversations: store.conversations.A[0],
    reviews: store.reviews[0]?.id,
    reviewers: store.reviewers[0],
    connections: store.connection.id,
    // The operator's store calls go to a store of their own: rotating keys must not cut this test off.
    stores: victim.storeId,
  };
  const resource = resourceOf(op) ?? '';
  return [real[resource] ?? 'missing', 'st_another_store_0000', 'x'.repeat(201), '%00', '..%2F..%2Fsettings', encodeURIComponent('😀\u202E'), '%E0%A4%A', encodeURIComponent("' or 1=1 --")];
}

const tokenFor = (op: Operation) => (op.access.kind === 'operator' ? OPERATOR_TOKEN : op.access.kind === 'store' ? store.apiKey : undefined);
const toQuery = (q: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();

interface Case {
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
  raw?: Uint8Array | string;
}

function casesFor(op: Operation): Case[] {
  const seed = hashSeed(opName(op));
  const params = pathParams(op);
  const paths = params.length ? pathValues(op).map((v) => op.path.replace(/\{\w+\}/, v)) : [op.path];
  const query = op.parameters.filter((p) => p.in === 'query');
  const querySchema = { type: 'object', properties: Object.fromEntries(query.map((p) => [p.name, p.schema ?? {}])), required: query.filter((p) => p.required).map((p) => p.name) };
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;
  const cases: Case[] = [];
  const sample = (arb: fc.Arbitrary<unknown>, runs: number, offset: number) => fc.sample(arb, { seed: seed + offset, numRuns: runs });
  const validQuery = query.length ? sample(arbitraryOf(querySchema, hints), VALID_RUNS + HOSTILE_RUNS, 1) : [];
  if (op.body) {
    const example = examples[opName(op)];
    const valid = example === undefined ? arbitraryOf(op.body, hints) : fc.oneof(fc.constant(example), arbitraryOf(op.body, hints));
    for (const [i, body] of sample(valid, VALID_RUNS, 2).entries()) cases.push({ path: pick(paths, i), query: validQuery[i] as never, body });
    for (const [i, body] of sample(mutated(valid), HOSTILE_RUNS, 3).entries()) cases.push({ path: pick(paths, i + 1), query: validQuery[i] as never, body });
    // Known-good bodies with every field swapped in turn: hostile values deep inside a nested body.
    if (example !== undefined) for (const [i, body] of leafSweep(example, seed, 1).entries()) cases.push({ path: pick(paths, i), body });
    for (const [i, raw] of hostileBodies(MAX_API_BODY_BYTES).entries()) cases.push({ path: pick(paths, i), raw: raw.body });
  }
  if (query.length) {
    for (const [i, q] of validQuery.slice(0, VALID_RUNS).entries()) cases.push({ path: pick(paths, i), query: q as Record<string, unknown> });
    for (const [i, q] of sample(mutated(arbitraryOf(querySchema, hints)), HOSTILE_RUNS, 4).entries()) {
      cases.push({ path: pick(paths, i), query: (q && typeof q === 'object' ? q : { [query[0]!.name]: q }) as Record<string, unknown> });
    }
  }
  if (!op.body && !query.length) for (const path of paths) cases.push({ path });
  return cases;
}

beforeAll(async () => {
  store = await seedStoreDay();
  victim = await createTestStore();
  await scored(store.storeId);
  ({ ops } = await operations());
  const review = store.reviews[0]!.id;
  const items = await passingItems(store.apiKey, review);
  const card = (await call('GET', '/v1/scorecards', { token: store.apiKey })).json.data[0];
  const { id: _id, version: _v, active: _a, createdAt: _c, ...definition } = card;
  examples['post /v1/scorecards'] = definition;
  examples['post /v1/reviews/{id}/submit'] = { items };
  // Only values whose success is synchronous: a real connection id would let a replay write later, behind the check's back.
  hints = {
    timezone: fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York'),
    agentId: fc.constantFrom(...Object.values(store.agents)),
    team: fc.constantFrom('pre', 'post'),
    itemId: fc.constantFrom(...items.map((i) => i.itemId)),
    date: fc.constant(SEED_DATE),
    sub: fc.constantFrom(...store.reviewers),
  };
  watch = await watchWrites([store.storeId, victim.storeId]);
}, 60_000);
afterAll(async () => watch?.stop());

describe('fuzzing every JSON operation from its schema', () => {
  it('never answers 5xx, always refuses with the envelope, and a refusal writes nothing', async () => {
    const failures: string[] = [];
    const fuzzed = ops.filter((op) => op.access.kind !== 'signature' && (op.body || op.parameters.length));
    expect(fuzzed.length).toBeGreaterThan(20);
    let writes = await watch.count();
    for (const op of fuzzed) {
      for (const c of casesFor(op)) {
        const query = c.query && Object.keys(c.query).length ? `?${toQuery(c.query)}` : '';
        const res = await call(op.method.toUpperCase(), `${c.path}${query}`, {
          token: tokenFor(op),
          ...(c.raw !== undefined ? { raw: c.raw as BodyInit, headers: { 'content-type': 'application/json' } } : c.body !== undefined ? { body: c.body } : {}),
        });
        sent++;
        const what = () => `${opName(op)} ${c.path}${query.slice(0, 80)} ${c.raw !== undefined ? '(raw body)' : JSON.stringify(c.body)?.slice(0, 120) ?? ''} → ${res.status} ${res.text.slice(0, 160)}`;
        const now = await watch.count();
        if (res.status >= 500) failures.push(what());
        else if (res.status >= 400) {
          if (typeof res.json?.error?.code !== 'string' || typeof res.json?.error?.message !== 'string') failures.push(`no envelope: ${what()}`);
          if (now !== writes) failures.push(`refused but wrote ${now - writes} rows: ${what()}`);
        }
        writes = now;
      }
    }
    console.log(JSON.stringify({ fuzz_api_requests: sent, operations: fuzzed.length }));
    expect(failures.slice(0, 20)).toEqual([]);
  }, 240_000);
});
