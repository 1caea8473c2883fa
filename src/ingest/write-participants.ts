import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { agents, messages, platformUsers } from '../db/schema';
import { derivedId } from '../lib/ids';
import type { ParticipantSeen } from './types';
import { agentKey, resolveAgent } from './write-agents';
import { attributionStatement } from './write-messages';
import type { IngestTarget } from './writes';

type Statement = BatchItem<'sqlite'>;

/** When two statements disagree, the more specific wins: an id the platform ever called a bot is a bot. */
const rank = (col: string) => sql.raw(`(case ${col} when 'bot' then 3 when 'agent' then 2 when 'customer' then 1 else 0 end)`);

/**
 * Records who a participant is, then corrects the messages already stored under that author id with a
 * provisional role (they arrived before the platform said who wrote them) and their conversations'
 * attribution. A participant the platform calls an agent gets an agent record — unless the platform
 * has (ever) called the same id a bot; an agent record made for an id later named a bot is set inactive
 * while no manager has completed it.
 */
export async function participantStatements(db: Db, target: IngestTarget, event: ParticipantSeen): Promise<Statement[]> {
  const role = sql`(select pu.role from platform_users pu where pu.connection_id = ${target.connectionId} and pu.external_id = ${event.externalId})`;
  const agentId = await derivedId('ag', target.connectionId, event.externalId);
  const out: Statement[] = [
    db
      .insert(platformUsers)
      .values({ storeId: target.storeId, connectionId: target.connectionId, externalId: event.externalId, role: event.role, name: event.name, updatedAt: target.receivedAt })
      .onConflictDoUpdate({
        target: [platformUsers.connectionId, platformUsers.externalId],
        set: {
          role: sql`case when ${rank('excluded.role')} > ${rank('"platform_users"."role"')} then excluded.role else "platform_users"."role" end`,
          name: sql`coalesce(min("platform_users"."name", excluded.name), "platform_users"."name", excluded.name)`,
        },
      }),
  ];
  const key = agentKey(target.connectionId, event.externalId);
  if (event.role === 'bot') target.knownBots.add(key);
  // An id the platform named a bot (before, or earlier in this batch) gets no agent record.
  if (event.role === 'agent' && !target.knownBots.has(key)) await resolveAgent(db, target, event.externalId, event.name, out);
  if (event.role === 'bot') {
    out.push(db.update(agents).set({ active: false }).where(sql`"agents"."id" = ${agentId} and "agents"."created_from_ingest" = 1 and "agents"."updated_at" is null`));
  }
  // Messages keep no connection: the connection's conversations scope the (partial) registry index's hits.
  const ofConnection = sql`(select c.id from conversations c where c.connection_id = ${target.connectionId})`;
  const authored = sql`"messages"."sender_external_id" = ${event.externalId} and "messages"."role_from_registry" = 1 and "messages"."conversation_id" in ${ofConnection}`;
  out.push(
    // The agent is read through the mapping, so correcting the role is all a message needs.
    db.update(messages).set({ role: sql`${role}` }).where(authored),
    attributionStatement(
      db,
      sql`"conversations"."id" in (select m.conversation_id from messages m where m.sender_external_id = ${event.externalId} and m.role_from_registry = 1 and m.conversation_id in ${ofConnection})`,
    ),
  );
  return out;
}
