import { env } from 'cloudflare:workers';
import { expect } from 'vitest';

/**
 * Faults injected into the real D1: a trigger that aborts one kind of write while it exists, as a
 * failing disk, a constraint bug or a poison payload would. Triggers are named per test, so tests
 * running side by side do not trip over each other's faults.
 */
export async function injectWriteFault(name: string, table: 'messages' | 'conversations', externalId: string, message = 'injected fault') {
  await env.DB.prepare(`create trigger ${name} before insert on ${table} when new.external_id = '${externalId}' begin select raise(abort, '${message}'); end`).run();
  return { remove: () => env.DB.prepare(`drop trigger if exists ${name}`).run() };
}

type StatusCounts = Record<'queued' | 'processed' | 'ignored' | 'dead', number>;

export async function deliveryCounts(connectionId: string): Promise<StatusCounts & { total: number }> {
  const rows = await env.DB.prepare('select status, count(*) as n from raw_events where connection_id = ? group by status').bind(connectionId).all<{ status: keyof StatusCounts; n: number }>();
  const counts: StatusCounts = { queued: 0, processed: 0, ignored: 0, dead: 0 };
  for (const r of rows.results) counts[r.status] = r.n;
  return { ...counts, total: counts.queued + counts.processed + counts.ignored + counts.dead };
}

/** Waits until no delivery of the connection is queued (processed, ignored or dead-lettered). */
export async function settled(connectionId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await deliveryCounts(connectionId);
    if (counts.queued === 0) return counts;
    if (Date.now() > deadline) throw new Error(`not settled: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Deliveries accepted (202, not a duplicate) = processed + ignored + dead-lettered: nothing lost, nothing counted twice. */
export async function expectDeliveryInvariant(connectionId: string, accepted: number, dead = 0) {
  const counts = await settled(connectionId);
  expect(counts.total).toBe(accepted);
  expect(counts.processed + counts.ignored + counts.dead).toBe(accepted);
  expect(counts.dead).toBe(dead);
  return counts;
}

/** Counts 202 answers that stored a new delivery (a redelivery is acknowledged but not stored again). */
export function acceptedCount(answers: { status: number; json: { duplicate?: boolean } | null }[]) {
  for (const a of answers) if (a.status !== 202) throw new Error(`delivery refused: ${a.status} ${JSON.stringify(a.json)}`);
  return answers.filter((a) => a.json?.duplicate === false).length;
}
