import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { jsonField } from '../db/statements';
import { conversations, messageEdits, messages } from '../db/schema';
import { derivedId } from '../lib/ids';
import { storableTime } from './sanity';
import type { MessageCreated, MessageEdited, Platform } from './types';
import type { MessageRows } from './write-batch';
import { agentKey, resolveAgent } from './write-agents';
import type { IngestTarget } from './writes';

type Statement = BatchItem<'sqlite'>;

/** Platforms that announce edits (Chatwoot message_updated, Crisp message:updated, LiveChat event_updated). */
const PLATFORMS_WITH_EDITS = new Set<Platform>(['chatwoot', 'crisp', 'livechat']);

/**
 * Who a conversation counts for (the first agent to reply, by the agents' own timestamps) and how many
 * of its customer-facing agent messages have nobody to attribute them to — recomputed from the stored
 * messages, so the result never depends on delivery order. A message row keeps the platform's sender
 * id and its agent is read through the connection's mapping (a manager's remapping reaches every
 * message, archived ones included). Once a conversation's messages went to the archive they are no
 * longer all here (hot ≠ 1): it keeps what it has.
 */
export function attributionStatement(db: Db, where: SQL, parts: { agent?: boolean; unattributed?: boolean } = { agent: true, unattributed: true }): Statement {
  const mapped = sql`(select ae.agent_id from agent_external_ids ae where ae.connection_id = "conversations"."connection_id" and ae.external_id = m.sender_external_id)`;
  return db
    .update(conversations)
    .set({
      ...(parts.agent
        ? {
            agentId: sql`(select ${mapped} as agent from messages m where m.conversation_id = "conversations"."id" and m.role = 'agent' and m.internal = 0
              and ${mapped} is not null order by m.sent_at, m.external_id limit 1)`,
          }
        : {}),
      ...(parts.unattributed
        ? { unattributedMessages: sql`(select count(*) from messages m where m.conversation_id = "conversations"."id" and m.role = 'agent' and m.internal = 0 and ${mapped} is null)` }
        : {}),
    })
    .where(sql`${where} and "conversations"."hot" = 1`);
}

/**
 * The message's row, gathered into `rows` to be written with the batch's other messages (insertMessages).
 * Returns what must be written before the batch's attribution: the record of an agent not known yet.
 */
export async function messageRows(db: Db, target: IngestTarget, event: MessageCreated, conversationId: string, rows: MessageRows): Promise<Statement[]> {
  const out: Statement[] = [];
  const senderId = event.sender.id;
  // An author the platform has named a bot is a bot, whatever the chat's user list called it.
  const namedBot = !!event.roleFromRegistry && !!senderId && target.knownBots.has(agentKey(target.connectionId, senderId));
  const provisionalRole = namedBot ? 'bot' : event.sender.role;
  const provisionalAgent = provisionalRole === 'agent' && senderId ? await resolveAgent(db, target, senderId, event.sender.name, out) : null;
  const row: MessageRow = {
    // message_edits names a message by its API id (derived from the connection and the platform's id).
    id: await derivedId('msg', target.connectionId, event.messageId),
    connectionId: target.connectionId,
    conversationId,
    externalId: event.messageId,
    role: provisionalRole,
    senderExternalId: senderId,
    senderName: event.sender.name,
    text: target.transformText(event.text),
    // Null for plain text, the common case: no bytes for it.
    contentType: event.contentType === 'text' ? null : event.contentType,
    internal: event.internal ? 1 : 0,
    sentAt: storableTime(event.at, target.receivedAt),
    version: storableTime(event.version ?? event.at, target.receivedAt),
    // Edits announced before the message: only platforms that announce edits can have any.
    edits: PLATFORMS_WITH_EDITS.has(target.platform) ? 1 : 0,
    roleFromRegistry: event.roleFromRegistry ? 1 : 0,
  };
  rows.messages.push(JSON.stringify(row));
  // Only what this message can change is recomputed: who the conversation counts for (an attributed agent
  // message), how many messages nobody is named for (an unattributed one), or both (a role still to be confirmed).
  if (event.roleFromRegistry) rows.attribution.both.add(conversationId);
  else if (provisionalRole === 'agent' && !event.internal) rows.attribution[provisionalAgent ? 'agent' : 'unattributed'].add(conversationId);
  return out;
}

/** One message as messageRows gathers it: the columns of its row, and what they are computed from. */
interface MessageRow {
  id: string;
  connectionId: string;
  conversationId: string;
  externalId: string;
  role: MessageCreated['sender']['role'];
  senderExternalId: string | undefined;
  senderName: string | undefined;
  text: string;
  contentType: string | null;
  internal: 0 | 1;
  sentAt: number;
  version: number;
  /** 1: the platform announces edits, so message_edits may hold newer text for this message. */
  edits: 0 | 1;
  /** 1: the platform's participant list decides the role when it knows the author (platform_users); `role` otherwise. */
  roleFromRegistry: 0 | 1;
}

const field = (name: keyof MessageRow) => jsonField(name);

/**
 * The message rows of a batch, given as the JSON array `json` of MessageRow. Each row's text is the
 * latest version known: its own (by `version`), or an edit announced earlier (message_edits) if that is
 * newer — so an edit and the message may arrive in any order. SQLite applies the upsert row by row, so
 * two copies of one message in the array end as two statements would leave them. A redelivery with a
 * newer version (an edited copy) replaces the text; an older one changes nothing.
 */
export function insertMessages(json: string): SQL {
  const [id, text, version] = [field('id'), field('text'), field('version')];
  const registryRole = sql`(select pu.role from platform_users pu where pu.connection_id = ${field('connectionId')} and pu.external_id = ${field('senderExternalId')})`;
  const latestEdit = sql`(select e.text from message_edits e where e.message_id = ${id} and (e.edited_at, e.text) > (${version}, ${text}) order by e.edited_at desc, e.text desc limit 1)`;
  const edits = field('edits');
  return sql`insert into ${messages} (conversation_id, external_id, role, sender_external_id, sender_name, text, content_type, internal, sent_at, version, edited_at, role_from_registry)
    select ${field('conversationId')}, ${field('externalId')},
      case when ${field('roleFromRegistry')} = 1 then coalesce(${registryRole}, ${field('role')}) else ${field('role')} end,
      ${field('senderExternalId')}, ${field('senderName')},
      case when ${edits} = 1 then coalesce(${latestEdit}, ${text}) else ${text} end,
      ${field('contentType')}, ${field('internal')}, ${field('sentAt')},
      case when ${edits} = 1 then max(${version}, coalesce((select max(e.edited_at) from message_edits e where e.message_id = ${id}), 0)) else ${version} end,
      case when ${edits} = 1 then (select max(e.edited_at) from message_edits e where e.message_id = ${id} and e.text <> ${text}) end,
      ${field('roleFromRegistry')}
    from json_each(${json}) j where true
    on conflict (conversation_id, external_id) do update set text = excluded.text, version = excluded.version, edited_at = coalesce(excluded.edited_at, "messages"."edited_at")
      where (excluded.version, excluded.text) > ("messages"."version", "messages"."text")`;
}

/**
 * An edit the platform announced: recorded in message_edits (once per edit time) and applied to the
 * message when it is newer than the stored text. An edit that repeats the current text (a status-only
 * update) is not recorded.
 */
export async function editStatements(db: Db, target: IngestTarget, event: MessageEdited, conversationId: string): Promise<Statement[]> {
  const id = await derivedId('msg', target.connectionId, event.messageId);
  const at = storableTime(event.at, target.receivedAt);
  const text = target.transformText(event.text);
  return [
    // Columns in the table's order: store_id, connection_id, message_id, edited_at, text.
    db
      .insert(messageEdits)
      .select(sql`select ${target.storeId}, ${target.connectionId}, ${id}, ${at}, ${text} where not exists (select 1 from messages m where m.conversation_id = ${conversationId} and m.external_id = ${event.messageId} and m.text = ${text})`)
      .onConflictDoUpdate({ target: [messageEdits.messageId, messageEdits.editedAt], set: { text: sql`max("message_edits"."text", excluded.text)` } }),
    db
      .update(messages)
      .set({
        text: sql`case when (${at}, ${text}) > ("messages"."version", "messages"."text") then ${text} else "messages"."text" end`,
        version: sql`max("messages"."version", ${at})`,
        editedAt: sql`case when "messages"."text" <> ${text} then max(coalesce("messages"."edited_at", ${at}), ${at}) else "messages"."edited_at" end`,
      })
      // A message already in the archive keeps its archived text (docs/scaling.md); the edit is recorded.
      .where(sql`"messages"."conversation_id" = ${conversationId} and "messages"."external_id" = ${event.messageId}`),
  ];
}
