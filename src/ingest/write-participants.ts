import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { messages, platformUsers } from '../db/schema';
import type { ParticipantSeen } from './types';
import { resolveAgent } from './write-agents';
import { attributionStatement } from './write-messages';
import type { IngestTarget } from './writes';

type Statement = BatchItem<'sqlite'>;

/** When two statements disagree, the more specific wins: an id the platform ever called a bot is a bot. */
const rank = (col: string) => sql.raw(`(case ${col} when 'bot' then 3 when 'agent' then 2 when 'customer' then 1 else 0 end)`);

/**
 * Records who a participant is, then corrects the messages already stored under that author id with a
 * provisional role (they arrived before the platform said who wrote them) and their conversations'
 * attribution. A participant seen as an agent gets an agent record, as a message would give it.
 */
export async function participantStatements(db: Db, target: IngestTarget, event: ParticipantSeen): Promise<Statement[]> {
  const out: Statement[] = [];
  if (event.role === 'agent') await resolveAgent(db, target, event.externalId, event.name, out);
  out.push(
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
  );
  const role = sql`(select pu.role from platform_users pu where pu.connection_id = ${target.connectionId} and pu.external_id = ${event.externalId})`;
  const authored = sql`"messages"."connection_id" = ${target.connectionId} and "messages"."sender_external_id" = ${event.externalId} and "messages"."role_from_registry" = 1`;
  out.push(
    db
      .update(messages)
      .set({
        role: sql`${role}`,
        agentId: sql`case when ${role} = 'agent' then (select ae.agent_id from agent_external_ids ae where ae.connection_id = ${target.connectionId} and ae.external_id = ${event.externalId}) else null end`,
      })
      .where(authored),
    attributionStatement(
      db,
      sql`"conversations"."id" in (select m.conversation_id from messages m where m.connection_id = ${target.connectionId} and m.sender_external_id = ${event.externalId} and m.role_from_registry = 1)`,
    ),
  );
  return out;
}
