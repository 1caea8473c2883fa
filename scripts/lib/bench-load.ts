import { setTimeout as sleep } from 'node:timers/promises';
import { LOAD_PLATFORMS, LOAD_SECRETS, loadDeliveries, type LoadPlatform } from './load-deliveries';
import { pool } from './standard-webhooks';

export interface LoadTarget {
  base: string;
  apiKey: string;
  /** Runs one SQL query against the Worker's local D1 and returns its rows. */
  query: <T>(sql: string) => Promise<T[]>;
}

const api = async (t: LoadTarget, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${t.base}${path}`, { method, headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ id: string }>;
};

/**
 * A bounded load: `total` webhook deliveries from six platforms (with redeliveries), `concurrency`
 * in flight, then — once the queue has drained — a check against D1 that every message of every
 * accepted delivery is stored exactly once and every accepted delivery was processed.
 */
export async function benchLoad(t: LoadTarget, opts: { total: number; concurrency: number; drainTimeoutMs: number }) {
  const connections = {} as Record<LoadPlatform, string>;
  for (const platform of LOAD_PLATFORMS) connections[platform] = (await api(t, 'POST', '/v1/connections', { platform, name: `load ${platform}`, secret: LOAD_SECRETS[platform] })).id;
  const deliveries = loadDeliveries(opts.total);
  const expected = new Map<string, Set<string>>(LOAD_PLATFORMS.map((p) => [connections[p], new Set()]));
  let errors = 0;
  let accepted = 0;
  const firstErrors: string[] = [];

  const started = performance.now();
  await pool(deliveries, opts.concurrency, async (d) => {
    try {
      const res = await fetch(`${t.base}/webhooks/${d.platform}/${connections[d.platform]}`, { method: 'POST', headers: d.headers(), body: d.body });
      const json = (await res.json()) as { duplicate?: boolean };
      if (res.status !== 202) throw new Error(`${d.platform} ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
      if (json.duplicate === false) accepted++;
      for (const id of d.messageIds) expected.get(connections[d.platform])!.add(id);
    } catch (error) {
      errors++;
      if (firstErrors.length < 5) firstErrors.push(String(error));
    }
  });
  const seconds = (performance.now() - started) / 1000;

  // Drained: no accepted delivery of the run is still queued.
  const ids = Object.values(connections).map((id) => `'${id}'`).join(', ');
  const deadline = Date.now() + opts.drainTimeoutMs;
  let statuses: { status: string; n: number }[] = [];
  for (;;) {
    statuses = await t.query<{ status: string; n: number }>(`select status, count(*) as n from raw_events where connection_id in (${ids}) group by status`);
    if (!statuses.some((s) => s.status === 'queued') || Date.now() > deadline) break;
    await sleep(1000);
  }
  const drainSeconds = (performance.now() - started) / 1000 - seconds;
  const count = (status: string) => statuses.find((s) => s.status === status)?.n ?? 0;
  const stored = await t.query<{ connection_id: string; external_id: string }>(`select connection_id, external_id from messages where connection_id in (${ids})`);
  const seen = new Map<string, number>();
  for (const m of stored) seen.set(`${m.connection_id}|${m.external_id}`, (seen.get(`${m.connection_id}|${m.external_id}`) ?? 0) + 1);
  let lost = 0;
  let expectedMessages = 0;
  for (const [connection, messages] of expected) {
    for (const id of messages) {
      expectedMessages++;
      if (!seen.has(`${connection}|${id}`)) lost++;
    }
  }
  const storedTwice = [...seen.values()].filter((n) => n > 1).length;
  const stored_deliveries = statuses.reduce((n, s) => n + s.n, 0);
  return {
    work: `${opts.total} webhook requests from ${LOAD_PLATFORMS.length} platforms (about 10% redeliveries), ${opts.concurrency} at a time`,
    load_requests: deliveries.length,
    load_errors: errors,
    load_rps: deliveries.length / seconds,
    load_accepted: accepted,
    load_messages: expectedMessages,
    load_lost: lost,
    load_stored_twice: storedTwice,
    load_unprocessed: count('queued') + count('dead'),
    load_deliveries_unaccounted: Math.abs(stored_deliveries - accepted),
    load_drain_s: drainSeconds,
    firstErrors,
  };
}
