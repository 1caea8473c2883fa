import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { agentExternalIds, agents, conversations, messages } from '../db/schema';
import { derivedId } from '../lib/ids';
import type { NormalisedEvent, Platform } from './types';

export const agentKey = (connectionId: string, externalId: string) => `${connectionId}\u0000${externalId}`;

/** What a delivery's writes need to know about where it came from. */
export interface IngestTarget {
  storeId: string;
  connectionId: string;
  platform: Platform;
  /** agentKey(connection, platform agent id) → ShopQA agent id, for ids already mapped; grows as agents are created. */
  knownAgents: Map<string, string>;
  transformText: (text: string) => string;
}

type ConversationValues = typeof conversations.$inferInsert;

// Each column merges so that the order of deliveries does not matter: earliest open, latest message,
// a close or rating wins over nothing, and nothing overwrites a known value with an unknown one.
// The id derives from (connection, platform conversation id), so it is the conflict target.
const mergeOnConflict = {
  target: conversations.id,
  set: {
    openedAt: sql`min(coalesce(${conversations.openedAt}, excluded.opened_at), coalesce(excluded.opened_at, ${conversations.openedAt}))`,
    lastMessageAt: sql`max(coalesce(${conversations.lastMessageAt}, excluded.last_message_at), coalesce(excluded.last_message_at, ${conversations.lastMessageAt}))`,
    customerExternalId: sql`coalesce(${conversations.customerExternalId}, excluded.customer_external_id)`,
    customerName: sql`coalesce(excluded.customer_name, ${conversations.customerName})`,
    channel: sql`coalesce(excluded.channel, ${conversations.channel})`,
    phaseTag: sql`coalesce(excluded.phase_tag, ${conversations.phaseTag})`,
    locale: sql`coalesce(excluded.locale, ${conversations.locale})`,
    status: sql`case when excluded.status = 'closed' then 'closed' else ${conversations.status} end`,
    closedAt: sql`coalesce(excluded.closed_at, ${conversations.closedAt})`,
    closeReason: sql`coalesce(excluded.close_reason, ${conversations.closeReason})`,
    rating: sql`coalesce(excluded.rating, ${conversations.rating})`,
    ratingLabel: sql`coalesce(excluded.rating_label, ${conversations.ratingLabel})`,
    ratingComment: sql`coalesce(excluded.rating_comment, ${conversations.ratingComment})`,
    ratedAt: sql`coalesce(excluded.rated_at, ${conversations.ratedAt})`,
    // A message puts the conversation in the hot window; after its messages went to the archive, only partly.
    hot: sql`case when excluded.hot = 0 then ${conversations.hot} when ${conversations.hot} in (0, 1) then 1 else 2 end`,
  },
};

function conversationFields(event: NormalisedEvent): Partial<ConversationValues> {
  switch (event.kind) {
    case 'conversation.opened':
      return {
        openedAt: event.at,
        customerExternalId: event.customer?.id,
        customerName: event.customer?.name,
        channel: event.channel,
        phaseTag: event.phase,
        locale: event.locale,
      };
    case 'message.created':
      return {
        openedAt: event.at,
        lastMessageAt: event.at,
        hot: 1,
        ...(event.sender.role === 'customer' ? { customerExternalId: event.sender.id, customerName: event.sender.name } : {}),
      };
    // Every event can open a conversation (deliveries come in any order): the earliest time wins.
    case 'conversation.closed':
      return { openedAt: event.at, status: 'closed', closedAt: event.at, closeReason: event.reason ?? 'closed' };
    case 'conversation.rated':
      return { openedAt: event.at, rating: event.rating.score, ratingLabel: event.rating.label, ratingComment: event.rating.comment, ratedAt: event.at };
  }
}

/** The agent a platform agent id stands for; an unknown id gets a new agent record (same id every time). */
async function resolveAgent(target: IngestTarget, externalId: string, name: string | undefined, out: BatchItem<'sqlite'>[], db: Db) {
  const key = agentKey(target.connectionId, externalId);
  const known = target.knownAgents.get(key);
  if (known) return known;
  const agentId = await derivedId('ag', target.connectionId, externalId);
  out.push(
    db.insert(agents).values({ id: agentId, storeId: target.storeId, name: name || externalId, createdFromIngest: true }).onConflictDoNothing(),
    db
      .insert(agentExternalIds)
      .values({ storeId: target.storeId, connectionId: target.connectionId, externalId, agentId })
      .onConflictDoNothing(),
  );
  target.knownAgents.set(key, agentId);
  return agentId;
}

/** The statements that write one normalised event; run them with the rest of the delivery in one batch. */
export async function eventStatements(db: Db, target: IngestTarget, event: NormalisedEvent): Promise<BatchItem<'sqlite'>[]> {
  const out: BatchItem<'sqlite'>[] = [];
  const conversationId = await derivedId('cv', target.connectionId, event.conversationId);
  out.push(
    db
      .insert(conversations)
      .values({
        id: conversationId,
        storeId: target.storeId,
        connectionId: target.connectionId,
        platform: target.platform,
        externalId: event.conversationId,
        ...conversationFields(event),
      })
      .onConflictDoUpdate(mergeOnConflict)
      .returning({ id: conversations.id, storeId: conversations.storeId, status: conversations.status }),
  );
  if (event.kind !== 'message.created') return out;

  // The message row keeps the platform's sender id; its agent is read through the mapping, so a
  // manager's later remapping reaches every message, archived ones included.
  const agentId =
    event.sender.role === 'agent' && event.sender.id ? await resolveAgent(target, event.sender.id, event.sender.name, out, db) : null;
  out.push(
    db
      .insert(messages)
      .values({
        conversationId,
        externalId: event.messageId,
        role: event.sender.role,
        senderExternalId: event.sender.id,
        senderName: event.sender.name,
        text: target.transformText(event.text),
        contentType: event.contentType === 'text' ? null : event.contentType,
        internal: event.internal,
        sentAt: event.at,
      })
      .onConflictDoNothing(),
  );
  if (agentId) {
    // The conversation counts for the earliest agent reply by the agents' own timestamps, whatever the
    // delivery order. Once its messages went to the archive they are no longer all here: it keeps its agent.
    out.push(
      db
        .update(conversations)
        .set({
          agentId: sql`coalesce((select ${agentExternalIds.agentId} from ${messages} join ${agentExternalIds}
            on ${agentExternalIds.connectionId} = ${target.connectionId} and ${agentExternalIds.externalId} = ${messages.senderExternalId}
            where ${messages.conversationId} = ${conversationId} and ${messages.role} = 'agent' and ${messages.internal} = 0
            order by ${messages.sentAt}, ${messages.externalId} limit 1), ${conversations.agentId})`,
        })
        .where(sql`${conversations.id} = ${conversationId} and ${conversations.hot} = 1`),
    );
  }
  return out;
}
