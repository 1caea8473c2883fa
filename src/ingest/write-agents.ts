import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { agentExternalIds, agents } from '../db/schema';
import { derivedId } from '../lib/ids';
import type { IngestTarget } from './writes';

export const agentKey = (connectionId: string, externalId: string) => `${connectionId}\u0000${externalId}`;

/** The agent a platform agent id stands for; an unknown id gets a new agent record (same id every time). */
export async function resolveAgent(db: Db, target: IngestTarget, externalId: string, name: string | undefined, out: BatchItem<'sqlite'>[]) {
  const key = agentKey(target.connectionId, externalId);
  const known = target.knownAgents.get(key);
  if (known) return known;
  const agentId = await derivedId('ag', target.connectionId, externalId);
  out.push(
    db.insert(agents).values({ id: agentId, storeId: target.storeId, name: name || externalId, createdFromIngest: true }).onConflictDoNothing(),
    db.insert(agentExternalIds).values({ storeId: target.storeId, connectionId: target.connectionId, externalId, agentId }).onConflictDoNothing(),
  );
  target.knownAgents.set(key, agentId);
  return agentId;
}
