import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { conversations } from '../db/schema';
import { jsonField } from '../db/statements';
import { customerKey } from '../lib/customer-key';
import { derivedId } from '../lib/ids';
import { reasonableTime, storableTime } from './sanity';
import type { ConversationEvent, NormalisedEvent, Platform } from './types';
import type { MessageRows } from './write-batch';
import { editStatements, messageRows } from './write-messages';
import { participantStatements } from './write-participants';

export { agentKey } from './write-agents';

type Statement = BatchItem<'sqlite'>;

/** What a delivery's writes need to know about where it came from. */
export interface IngestTarget {
  storeId: string;
  connectionId: string;
  platform: Platform;
  /** agentKey(connection, platform agent id) → ShopQA agent id, for ids already mapped; grows as agents are created. */
  knownAgents: Map<string, string>;
  /** agentKey(connection, platform user id) of ids the platform named bots (platform_users); grows as bots are seen. */
  knownBots: Set<string>;
  transformText: (text: string) => string;
  /** When the delivery was received: the bound for believable times (sanity.ts). */
  receivedAt: number;
}

type ConversationValues = typeof conversations.$inferInsert;

const c = {
  openedAt: sql.raw('"conversations"."opened_at"'),
  closedAt: sql.raw('"conversations"."closed_at"'),
  reopenedAt: sql.raw('"conversations"."reopened_at"'),
  closeReason: sql.raw('"conversations"."close_reason"'),
  ratedAt: sql.raw('"conversations"."rated_at"'),
};
/** The smaller / larger of the stored and the incoming value, ignoring nulls. */
const least = (col: string) => sql.raw(`coalesce(min("conversations"."${col}", excluded.${col}), "conversations"."${col}", excluded.${col})`);
const greatest = (col: string) => sql.raw(`coalesce(max("conversations"."${col}", excluded.${col}), "conversations"."${col}", excluded.${col})`);

// The incoming score replaces the stored one when it is newer by the platform's rating time, and the
// comment likewise by its own time; at equal times the larger value wins, so the result never depends
// on arrival order. A delivery without a score (or without a comment) leaves that part as it is.
const newerScore = sql`(excluded.rated_at is not null and excluded.rating_label is not null and (${c.ratedAt} is null
  or (excluded.rated_at, coalesce(excluded.rating, 0), excluded.rating_label) > (${c.ratedAt}, coalesce("conversations"."rating", 0), coalesce("conversations"."rating_label", ''))))`;
const newerComment = sql`(excluded.rating_comment_at is not null and excluded.rating_comment is not null and ("conversations"."rating_comment_at" is null
  or (excluded.rating_comment_at, excluded.rating_comment) > ("conversations"."rating_comment_at", coalesce("conversations"."rating_comment", ''))))`;
const ifNewer = (newer: SQL, col: string) => sql`case when ${newer} then excluded.${sql.raw(col)} else "conversations".${sql.raw(`"${col}"`)} end`;
const newerClose = sql`(excluded.closed_at is not null and (${c.closedAt} is null or excluded.closed_at > ${c.closedAt} or (excluded.closed_at = ${c.closedAt} and coalesce(excluded.close_reason, '') > coalesce(${c.closeReason}, ''))))`;

// Each column merges so that the order of deliveries does not matter: earliest open, latest message, the
// latest close and reopening decide the status, the newest rating wins, and text attributes take the
// smallest known value (any fixed choice would do; this one never depends on arrival order).
const MERGE = {
  openedAt: least('opened_at'),
  lastMessageAt: greatest('last_message_at'),
  customerExternalId: least('customer_external_id'),
  // The key of whichever id the line above keeps: the incoming one only when it is the new least.
  customerKey: sql.raw(`case when excluded.customer_external_id is not null and ("conversations"."customer_external_id" is null
    or excluded.customer_external_id < "conversations"."customer_external_id") then excluded.customer_key else "conversations"."customer_key" end`),
  customerName: least('customer_name'),
  channel: least('channel'),
  phaseTag: least('phase_tag'),
  locale: least('locale'),
  closedAt: greatest('closed_at'),
  reopenedAt: greatest('reopened_at'),
  status: sql`case when ${greatest('closed_at')} is not null and (${greatest('reopened_at')} is null or ${greatest('closed_at')} >= ${greatest('reopened_at')}) then 'closed' else 'open' end`,
  closeReason: sql`case when ${newerClose} then excluded.close_reason else ${c.closeReason} end`,
  rating: ifNewer(newerScore, 'rating'),
  ratingLabel: ifNewer(newerScore, 'rating_label'),
  ratedAt: ifNewer(newerScore, 'rated_at'),
  ratingComment: ifNewer(newerComment, 'rating_comment'),
  ratingCommentAt: ifNewer(newerComment, 'rating_comment_at'),
  // A message puts the conversation in the hot window; after its messages went to the archive, only partly.
  hot: sql`case when excluded.hot = 0 then "conversations"."hot" when "conversations"."hot" in (0, 1) then 1 else 2 end`,
};
type MergedColumn = keyof typeof MERGE;

/**
 * The columns an event can change, merged on conflict: only those, so the statement a message writes
 * stays short (most deliveries are messages to an existing conversation).
 */
// Every event can open a conversation (deliveries come in any order, and the row keeps no creation
// time): the earliest time any event carries is its open time.
const MERGED_BY_KIND: Record<ConversationEvent['kind'], MergedColumn[]> = {
  'conversation.opened': ['openedAt', 'customerExternalId', 'customerKey', 'customerName', 'channel', 'phaseTag', 'locale'],
  'message.created': ['openedAt', 'lastMessageAt', 'customerExternalId', 'customerKey', 'customerName', 'hot'],
  'message.edited': [],
  'conversation.closed': ['openedAt', 'closedAt', 'status', 'closeReason'],
  'conversation.reopened': ['openedAt', 'reopenedAt', 'status'],
  'conversation.rated': ['openedAt', 'rating', 'ratingLabel', 'ratedAt', 'ratingComment', 'ratingCommentAt'],
};
// The id derives from (connection, platform conversation id), so it is the conflict target.
const mergeFor = (kind: ConversationEvent['kind']) => ({
  target: conversations.id,
  set: Object.fromEntries(MERGED_BY_KIND[kind].map((col) => [col, MERGE[col]])),
});

/** The customer's id and the key erasure finds it by, always together. */
const customer = (id: string | undefined) => (id === undefined ? {} : { customerExternalId: id, customerKey: customerKey(id) });

function conversationFields(event: ConversationEvent, receivedAt: number): Partial<ConversationValues> {
  // An out-of-reason time is kept on the message, never used to order the conversation (sanity.ts): the
  // conversation is placed at the delivery's receipt time instead, which any believable time precedes.
  const orderAt = reasonableTime(event.at, receivedAt) ? event.at : receivedAt;
  // Close, reopen and rating times are kept as sent, unless no date can hold them (every read would fail).
  const at = storableTime(event.at, receivedAt);
  switch (event.kind) {
    case 'conversation.opened':
      return {
        openedAt: orderAt,
        ...customer(event.customer?.id),
        customerName: event.customer?.name,
        channel: event.channel,
        phaseTag: event.phase,
        locale: event.locale,
      };
    case 'message.created':
      return {
        openedAt: orderAt,
        lastMessageAt: orderAt,
        hot: 1,
        ...(event.sender.role === 'customer' && !event.roleFromRegistry ? { ...customer(event.sender.id), customerName: event.sender.name } : {}),
      };
    case 'message.edited':
      return {};
    case 'conversation.closed':
      return { openedAt: orderAt, status: 'closed', closedAt: at, closeReason: event.reason ?? 'closed' };
    case 'conversation.reopened':
      return { openedAt: orderAt, reopenedAt: at };
    case 'conversation.rated': {
      const { score, label, comment } = event.rating;
      // An unreadable score is kept as its label (score null); a score always has a label to compare by.
      const scored = score !== undefined || label !== undefined;
      return {
        openedAt: orderAt,
        ...(scored ? { rating: score ?? null, ratingLabel: label ?? String(score), ratedAt: at } : {}),
        ...(comment !== undefined ? { ratingComment: comment, ratingCommentAt: at } : {}),
      };
    }
  }
}

export const conversationIdOf = (connectionId: string, externalId: string) => derivedId('cv', connectionId, externalId);

/**
 * The statements that write one normalised event; run them with the rest of the delivery in one batch.
 * A message's rows go to `rows` instead, written with the batch's other messages (write-batch.ts).
 */
export async function eventStatements(db: Db, target: IngestTarget, event: NormalisedEvent, rows: MessageRows): Promise<Statement[]> {
  if (event.kind === 'participant.seen') return participantStatements(db, target, event);
  const conversationId = await conversationIdOf(target.connectionId, event.conversationId);
  if (event.kind === 'message.edited') return editStatements(db, target, event, conversationId);
  const values = {
    id: conversationId,
    storeId: target.storeId,
    connectionId: target.connectionId,
    platform: target.platform,
    externalId: event.conversationId,
    ...conversationFields(event, target.receivedAt),
  };
  if (event.kind === 'message.created') {
    rows.conversations.push(JSON.stringify(values));
    return messageRows(db, target, event, conversationId, rows);
  }
  return [
    db
      .insert(conversations)
      .values(values)
      .onConflictDoUpdate(mergeFor(event.kind))
      .returning({ id: conversations.id, storeId: conversations.storeId, status: conversations.status }),
  ];
}

/** The columns a message's conversation row carries (conversationFields), merged as one event's upsert would. */
const MESSAGE_COLUMNS = ['id', 'storeId', 'connectionId', 'platform', 'externalId', 'openedAt', 'lastMessageAt', 'hot', 'customerExternalId', 'customerKey', 'customerName'] as const;

/**
 * The conversation upserts of a batch's messages, one row per message in the JSON array `json` (rows as
 * eventStatements gathers them): SQLite applies the upsert row by row, so two rows of one conversation
 * merge as two statements would. Returns id, store_id and status, as the upsert of one event does.
 */
export function upsertConversations(json: string): SQL {
  const names = MESSAGE_COLUMNS.map((col) => sql.identifier(conversations[col].name));
  const values = MESSAGE_COLUMNS.map(jsonField);
  const merged = MERGED_BY_KIND['message.created'].map((col) => sql`${sql.identifier(conversations[col].name)} = ${MERGE[col]}`);
  // `where true`: SQLite needs a WHERE before an upsert clause on INSERT … SELECT.
  return sql`insert into ${conversations} (${sql.join(names, sql`, `)}) select ${sql.join(values, sql`, `)} from json_each(${json}) j where true
    on conflict (${sql.identifier(conversations.id.name)}) do update set ${sql.join(merged, sql`, `)}
    returning "id", "store_id", "status"`;
}
