import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { accepted as acceptedByConnection } from './api';
import { archivedDeliveries, connectionDb } from './stores';

/**
 * Faults injected into the real D1: a trigger that aborts one kind of write while it exists, as a
 * failing disk, a constraint bug or a poison payload would. Triggers are named per test, so tests
 * running side by side do not trip over each other's faults.
 */
export async function injectWriteFault(db: D1Database, name: string, table: 'messages' | 'conversations', externalId: string, message = 'injected fault') {
  await db
    .prepare(`create trigger ${name} before insert on ${table} when new.external_id = '${externalId}' begin select raise(abort, '${message}'); end`)
    .run();
  return { remove: () => db.prepare(`drop trigger if exists ${name}`).run() };
}

type Outcomes = Record<'processed' | 'ignored' | 'dead', number>;

/**
 * What the consumer did with a connection's deliveries (its per-day counts), and how many accepted
 * deliveries it has not settled yet (`queued`: the webhook writes nothing, so that is accepted − settled).
 */
export async function deliveryCounts(connectionId: string): Promise<Outcomes & { queued: number; failedTries: number; total: number }> {
  const db = await connectionDb(connectionId);
  const row = (await db
    .prepare(
      'select coalesce(sum(processed), 0) as processed, coalesce(sum(ignored), 0) as ignored, coalesce(sum(dead), 0) as dead, coalesce(sum(failed_tries), 0) as failedTries from delivery_counts where connection_id = ?',
    )
    .bind(connectionId)
    .first<Outcomes & { failedTries: number }>())!;
  const settled = row.processed + row.ignored + row.dead;
  const queued = Math.max(0, (acceptedByConnection.get(connectionId) ?? 0) - settled);
  return { ...row, queued, total: settled + queued };
}

/** Waits until every accepted delivery of the connection is settled (processed, ignored or dead-lettered). */
export async function settled(connectionId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await deliveryCounts(connectionId);
    if (counts.queued === 0) return counts;
    if (Date.now() > deadline) throw new Error(`not settled: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Deliveries accepted (202) = archived = processed + ignored + dead-lettered: nothing lost, nothing
 * counted twice, every delivery kept once in the archive however often it was tried. Waits (up to
 * `timeoutMs`) for the consumer to get there, since a replay or a try still on the queue may be pending.
 */
export async function expectDeliveryInvariant(connectionId: string, accepted: number, dead = 0, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let counts = await settled(connectionId);
  while ((counts.dead !== dead || counts.total !== accepted) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    counts = await deliveryCounts(connectionId);
  }
  expect(counts.total).toBe(accepted);
  expect(counts.processed + counts.ignored + counts.dead).toBe(accepted);
  expect(counts.dead).toBe(dead);
  const { store_id: storeId } = (await env.DIRECTORY.prepare('select store_id from connection_directory where connection_id = ?')
    .bind(connectionId)
    .first<{ store_id: string }>())!;
  expect(new Set((await archivedDeliveries(storeId, connectionId)).map((d) => d.uid)).size).toBe(accepted);
  return counts;
}

/** Counts 202 answers: each is a delivery accepted (a redelivery is accepted again, written once). */
export function acceptedCount(answers: { status: number; json: unknown }[]) {
  for (const a of answers) if (a.status !== 202) throw new Error(`delivery refused: ${a.status} ${JSON.stringify(a.json)}`);
  return answers.length;
}
