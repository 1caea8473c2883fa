import { sign } from 'hono/jwt';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { WIDGET_ROLES, type WidgetRole } from '../../src/domain/enums';
import { call, createConnection, createTestStore } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';
import { dumpStore } from '../helpers/store-dump';

/**
 * Access tests generated from the route table (/openapi.json): every operation, whoever may call it,
 * is refused without credentials, with garbage or forged ones, for a widget role it does not allow,
 * and with another store's ids. A new route is covered by being declared.
 */
type Access = { kind: 'public' | 'operator' | 'signature' } | { kind: 'store'; roles: WidgetRole[] };
interface Operation {
  method: string;
  path: string;
  access: Access;
  hasBody: boolean;
  /** The document's answers, by status. */
  statuses: string[];
}

/** A valid body for operations that take ids and a body, so the id (not the body) decides the answer. */
const EXAMPLE_BODIES: Record<string, unknown> = {
  'patch /v1/agents/{id}': { name: 'Renamed' },
  'patch /v1/reviewers/{id}': { name: 'Renamed' },
  'post /v1/reviews/{id}/submit': { items: [{ itemId: 'greeting', outcome: 'pass' }] },
  'post /v1/connections/{id}/url-token/rotate': { overlapMinutes: 60 },
  'post /v1/customers/{customerId}/erase': { reason: 'The customer asked to be forgotten' },
  'post /v1/disputes/{id}/resolve': { decision: 'reject', reply: 'no' },
  'post /v1/coaching/tasks/{id}/done': { note: 'done' },
  'patch /v1/coaching/agents/{agentId}/flags': { excellent: true },
};

// Each test walks the whole route table: hundreds of requests.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let ops: Operation[];
let mine: { storeId: string; apiKey: string };
let theirs: { storeId: string; apiKey: string };
/** Ids of the first store's things, by the path segment that names them. */
const ids: Record<string, string> = {};
const tokens: Partial<Record<WidgetRole, string>> = {};

beforeAll(async () => {
  const doc = (await call('GET', '/openapi.json')).json as { paths: Record<string, Record<string, any>> };
  ops = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, op]) => ({ method, path, access: op['x-access'] as Access, hasBody: Boolean(op.requestBody), statuses: Object.keys(op.responses ?? {}) })),
  );
  mine = await createTestStore();
  theirs = await createTestStore();
  const connection = await createConnection(mine.apiKey, 'generic');
  await sendGeneric(connection, { events: [ev.message('m-1', 'm1', 'customer', '在吗？', 0), ev.message('m-1', 'm2', 'agent', '您好', 0, 20), ev.closed('m-1', 5)] });
  await drained(connection.id);
  const agent = (await call('GET', '/v1/agents', { token: mine.apiKey })).json.data[0];
  await call('PATCH', `/v1/agents/${agent.id}`, { token: mine.apiKey, body: { team: 'pre' } });
  const reviewer = (await call('POST', '/v1/reviewers', { token: mine.apiKey, body: { name: 'QA 1' } })).json;
  await call('POST', '/v1/jobs/daily', { token: mine.apiKey, body: { date: '2026-11-21' } });
  const review = (await call('GET', '/v1/reviews', { token: mine.apiKey })).json.data[0];
  // A card (the review submitted with a failed item and marked a good example), a dispute on it, a 1:1 task.
  const full = (await call('GET', `/v1/reviews/${review.id}`, { token: mine.apiKey })).json;
  const items = full.items.map((i: { itemId: string }) => (i.itemId === 'closing' ? { itemId: 'closing', outcome: 'fail', comment: '没有结束语' } : { itemId: i.itemId, outcome: 'pass' }));
  await call('POST', `/v1/reviews/${review.id}/submit`, { token: mine.apiKey, body: { items, goodExample: true } });
  const card = (await call('GET', '/v1/cards', { token: mine.apiKey })).json.data[0];
  const agentToken = (await call('POST', '/v1/widget-tokens', { token: mine.apiKey, body: { sub: 'a', role: 'agent', agentId: agent.id } })).json.token;
  const dispute = (await call('POST', '/v1/disputes', { token: agentToken, body: { reviewId: review.id, itemId: 'closing', reason: 'x' } })).json;
  await call('PATCH', `/v1/coaching/agents/${agent.id}/flags`, { token: mine.apiKey, body: { unstable: true } });
  const task = (await call('GET', '/v1/coaching/tasks', { token: mine.apiKey })).json.data[0];
  const scorecard = (await call('GET', '/v1/scorecards', { token: mine.apiKey })).json.data[0];
  Object.assign(ids, {
    agents: agent.id,
    reviewers: reviewer.id,
    reviews: review.id,
    scorecards: scorecard.id,
    connections: connection.id,
    conversations: (await call('GET', '/v1/conversations', { token: mine.apiKey })).json.data[0].id,
    stores: mine.storeId,
    // The platform's customer id of the conversation above (tests/helpers/generic.ts).
    customers: 'c-1',
    cards: card.id,
    disputes: dispute.id,
    tasks: task.id,
    'good-examples': review.id,
  });
  for (const role of WIDGET_ROLES) {
    const body = { sub: role === 'qa' ? reviewer.id : `user-${role}`, role, ...(role === 'agent' ? { agentId: agent.id } : {}), ...(role === 'lead' ? { team: 'pre' } : {}) };
    tokens[role] = (await call('POST', '/v1/widget-tokens', { token: mine.apiKey, body })).json.token;
  }
});

/** The path with the first store's ids filled in; the resource is the segment before each parameter. */
function concrete(path: string) {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      const param = segment.match(/^\{(\w+)\}$/)?.[1];
      if (!param) return segment;
      if (param === 'platform') return 'generic';
      if (param === 'token') return 'not-the-url-token';
      const key = param === 'connectionId' ? 'connections' : segments[i - 1]!;
      if (!ids[key]) throw new Error(`No fixture id for {${param}} in ${path}: add one to the access matrix`);
      return ids[key];
    })
    .join('/');
}

const name = (op: Operation) => `${op.method} ${op.path}`;
const send = (op: Operation, token?: string, body?: unknown) =>
  call(op.method.toUpperCase(), concrete(op.path), { token, body: body ?? (op.hasBody ? (EXAMPLE_BODIES[name(op)] ?? {}) : undefined) });

describe('access matrix from the route table', () => {
  it('covers every operation of the API', () => {
    expect(ops.length).toBeGreaterThan(25);
    expect(ops.every((op) => op.access?.kind)).toBe(true);
  });

  it('refuses every non-public operation without credentials, or with garbage or forged ones', async () => {
    const forged = await sign({ store: mine.storeId, sub: 'x', role: 'manager', iat: 1, exp: 4_000_000_000, jti: 'j' }, 'not-the-embed-secret', 'HS256');
    const failures: string[] = [];
    for (const op of ops.filter((o) => o.access.kind === 'store' || o.access.kind === 'operator' || o.access.kind === 'signature')) {
      for (const token of [undefined, 'garbage', forged, 'sk_live_not_a_key']) {
        const res = await send(op, token);
        if (res.status !== 401 || !res.json?.error?.code) failures.push(`${name(op)} with ${token?.slice(0, 10) ?? 'no token'}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses a widget role the operation does not allow with 403, and changes nothing', async () => {
    const failures: string[] = [];
    const before = await dumpStore(mine.storeId);
    for (const op of ops) {
      if (op.access.kind !== 'store') continue;
      const refused = WIDGET_ROLES.filter((r) => !(op.access as { roles: WidgetRole[] }).roles.includes(r));
      // What the server answers, the document says: a client generated from it expects the 403.
      if (refused.length && !op.statuses.includes('403')) failures.push(`${name(op)}: 403 not in the document`);
      for (const role of refused) {
        const res = await send(op, tokens[role]);
        if (res.status !== 403 || res.json?.error?.code !== 'forbidden') failures.push(`${name(op)} as ${role}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await dumpStore(mine.storeId)).toBe(before);
  });

  it("answers 404 to another store's ids on every id-taking operation, and changes no row of the store that owns them", async () => {
    const failures: string[] = [];
    const before = await dumpStore(mine.storeId);
    for (const op of ops.filter((o) => /\{(?!platform)\w+\}/.test(o.path))) {
      if (op.access.kind !== 'store') continue; // the operator spans stores; webhooks are per connection and signed
      if (op.hasBody && EXAMPLE_BODIES[name(op)] === undefined) failures.push(`${name(op)}: needs an example body in EXAMPLE_BODIES`);
      const res = await send(op, theirs.apiKey);
      if (res.status !== 404 || res.json?.error?.code !== 'not_found') failures.push(`${name(op)}: ${res.status} ${res.text.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
    expect(await dumpStore(mine.storeId)).toBe(before);
  });
});
