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
      const json = (await res.json()) as unknown;
      if (res.status !== 202) throw new Error(`${d.platform} ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
      // Every 202 is an accepted delivery (a redelivery too, under its own id): each is settled once.
      accepted++;
      for (const id of d.messageIds) expected.get(connections[d.platform])!.add(id);
    } catch (error) {
      errors++;
      if (firstErrors.length < 5) firstErrors.push(String(error));
    }
  });
  const seconds = (performance.now() - started) / 1000;

  // Drained: the consumer's counts (the webhook itself writes nothing) have settled every accepted delivery.
  const ids = Object.values(connections).map((id) => `'${id}'`).join(', ');
  const deadline = Date.now() + opts.drainTimeoutMs;
  let settled = { processed: 0, ignored: 0, dead: 0 };
  for (;;) {
    settled = (
      await t.query<{ processed: number; ignored: number; dead: number }>(
        `select coalesce(sum(processed), 0) as processed, coalesce(sum(ignored), 0) as ignored, coalesce(sum(dead), 0) as dead from delivery_counts where connection_id in (${ids})`,
      )
    )[0] ?? settled;
    if (settled.processed + settled.ignored + settled.dead >= accepted || Date.now() > deadline) break;
    await sleep(1000);
  }
  const drainSeconds = (performance.now() - started) / 1000 - seconds;
  const stored = await t.query<{ connection_id: string; external_id: string }>(
    `select c.connection_id, m.external_id from messages m join conversations c on c.id = m.conversation_id where c.connection_id in (${ids})`,
  );
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
  const stored_deliveries = settled.processed + settled.ignored + settled.dead;
  return {
    work: `${opts.total} webhook requests from ${LOAD_PLATFORMS.length} platforms (about 10% redeliveries), ${opts.concurrency} at a time`,
    load_requests: deliveries.length,
    load_errors: errors,
    load_rps: deliveries.length / seconds,
    load_accepted: accepted,
    load_messages: expectedMessages,
    load_lost: lost,
    load_stored_twice: storedTwice,
    load_unprocessed: Math.max(0, accepted - settled.processed - settled.ignored),
    load_deliveries_unaccounted: Math.abs(stored_deliveries - accepted),
    load_drain_s: drainSeconds,
    firstErrors,
  };
}
