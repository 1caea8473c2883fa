import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { loadTranscripts, type ArchivedAutoQa, type StoredMessage } from '../archive/transcripts';
import type { Db } from '../db/client';
import { agents, connections, conversations } from '../db/schema';
import { FROM_BEFORE_TO, fromBeforeTo, isoInstant } from '../domain/dates';
import { AppError, notFound } from '../domain/errors';
import { CONVERSATION_STATUSES } from '../db/schema';
import { derivedId } from '../lib/ids';
import { canSee } from './coaching-scope';

/** Who may see what: an agent only their own conversations, a lead only their team's. */
export interface Visibility {
  agentId: string | null;
  team: string | null;
}

export const listQuery = z
  .object({
    agentId: z.string().min(1).max(100).optional(),
    externalId: z.string().min(1).max(500).optional(),
    connectionId: z.string().min(1).max(100).optional(),
    status: z.enum(CONVERSATION_STATUSES).optional(),
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    cursor: z.string().min(1).max(500).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);
export type ListQuery = z.infer<typeof listQuery>;

type ConversationRow = typeof conversations.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** Every event sets the open time (the earliest wins); 0 only for a row written otherwise. */
const sortTime = sql<number>`coalesce(${conversations.openedAt}, 0)`;

/** The AutoQA result as the API shows it: score, risk, evidence, and the scorecard version used. */
export function autoQaView(result: ArchivedAutoQa | null) {
  if (!result) return null;
  return {
    score: result.score,
    risk: result.risk,
    critical: result.critical,
    escalation: result.escalation,
    phase: result.phase,
    scorecardId: result.scorecardId,
    scorecardVersion: result.scorecardVersion ?? null,
    scoredAt: new Date(result.scoredAt).toISOString(),
    keywordHits: result.keywordHits,
    riskFactors: result.riskFactors,
    items: result.items,
    hits: result.hits,
  };
}

/** AutoQA as an agent sees it: their score and evidence, never the internal customer-risk number. */
export function withoutRisk<T extends { risk?: unknown; riskFactors?: unknown } | null>(autoQa: T): T {
  if (!autoQa) return autoQa;
  const { risk: _risk, riskFactors: _factors, ...rest } = autoQa;
  return rest as T;
}

export function conversationSummary(row: ConversationRow, agentName: string | null) {
  return {
    id: row.id,
    externalId: row.externalId,
    connectionId: row.connectionId,
    platform: row.platform,
    agentId: row.agentId,
    agentName,
    customer: { externalId: row.customerExternalId, name: row.customerName },
    channel: row.channel,
    phase: row.phaseTag,
    locale: row.locale,
    status: row.status,
    openedAt: iso(row.openedAt),
    lastMessageAt: iso(row.lastMessageAt),
    closedAt: iso(row.closedAt),
    closeReason: row.closeReason,
    reopenedAt: iso(row.reopenedAt),
    rating: row.rating,
    ratingLabel: row.ratingLabel,
    ratingComment: row.ratingComment,
    ratedAt: iso(row.ratedAt),
    /** Customer-facing agent messages nobody could be named for (no sender id, no assignee). */
    unattributedMessages: row.unattributedMessages,
  };
}

export function messageView(m: StoredMessage) {
  return {
    id: m.id,
    externalId: m.externalId,
    role: m.role,
    agentId: m.agentId,
    senderId: m.senderExternalId,
    senderName: m.senderName,
    text: m.text,
    contentType: m.contentType ?? 'text',
    internal: m.internal,
    createdAt: new Date(m.sentAt).toISOString(),
    editedAt: iso(m.editedAt ?? null),
  };
}

function encodeCursor(row: { t: number; id: string }) {
  return btoa(JSON.stringify(row));
}
function decodeCursor(cursor: string): { t: number; id: string } {
  try {
    const value = JSON.parse(atob(cursor));
    if (typeof value.t === 'number' && typeof value.id === 'string') return value;
  } catch {
    /* fall through */
  }
  throw new AppError('invalid_request', 'cursor is not one this API returned', 'cursor');
}

function visibilityFilter(storeId: string, v: Visibility): SQL | undefined {
  if (v.agentId !== null) return eq(conversations.agentId, v.agentId);
  if (v.team !== null) {
    return inArray(conversations.agentId, sql`(select ${agents.id} from ${agents} where ${agents.storeId} = ${storeId} and ${agents.team} = ${v.team})`);
  }
  return undefined;
}

/** `?agentId=` must name an agent of the store the caller may see, as on every coaching list: another's is a 404, not an empty page. */
async function checkAgentFilter(db: Db, storeId: string, agentId: string, v: Visibility) {
  const row = await db.select({ id: agents.id, team: agents.team }).from(agents).where(and(eq(agents.id, agentId), eq(agents.storeId, storeId))).get();
  if (!row || !canSee(v, row)) throw new AppError('not_found', 'Agent not found', 'agentId');
}

export async function listConversations(db: Db, storeId: string, q: ListQuery, v: Visibility) {
  if (q.agentId) await checkAgentFilter(db, storeId, q.agentId, v);
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await db
    .select({ c: conversations, agentName: agents.name })
    .from(conversations)
    .leftJoin(agents, and(eq(agents.id, conversations.agentId), eq(agents.storeId, storeId)))
    .where(
      and(
        eq(conversations.storeId, storeId),
        visibilityFilter(storeId, v),
        q.agentId ? eq(conversations.agentId, q.agentId) : undefined,
        q.externalId ? inArray(conversations.id, await idsOfExternal(db, storeId, q.externalId, q.connectionId)) : undefined,
        q.connectionId ? eq(conversations.connectionId, q.connectionId) : undefined,
        q.status ? eq(conversations.status, q.status) : undefined,
        q.from ? gte(sortTime, Date.parse(q.from)) : undefined,
        q.to ? lt(sortTime, Date.parse(q.to)) : undefined,
        cursor ? or(lt(sortTime, cursor.t), and(eq(sortTime, cursor.t), lt(conversations.id, cursor.id))) : undefined,
      ),
    )
    .orderBy(desc(sortTime), desc(conversations.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1)?.c;
  return {
    data: page.map(({ c, agentName }) => {
      const autoQa = c.qaScore === null ? null : { score: c.qaScore, risk: c.qaRisk ?? 0, critical: c.qaCritical ?? false };
      return { ...conversationSummary(c, agentName), autoQa: v.agentId !== null ? withoutRisk(autoQa) : autoQa };
    }),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.openedAt ?? 0, id: last.id }) : null,
  };
}

/**
 * Conversation ids are derived from (connection, platform id): a platform id is found by deriving the
 * id it would have on each of the store's connections (there is no index on the platform id).
 */
async function idsOfExternal(db: Db, storeId: string, externalId: string, connectionId: string | undefined) {
  const own = await db.select({ id: connections.id }).from(connections).where(and(eq(connections.storeId, storeId), connectionId ? eq(connections.id, connectionId) : undefined));
  return Promise.all(own.map((c) => derivedId('cv', c.id, externalId)));
}

/**
 * One conversation with its messages in their own time order, wherever they are (D1 while hot, the
 * archive after), and its AutoQA result with evidence (in the archive since it was scored); 404 for
 * another store's or a hidden one.
 */
export async function getConversation(db: Db, archive: R2Bucket, storeId: string, id: string, v: Visibility) {
  const found = await db
    .select({ c: conversations, agentName: agents.name })
    .from(conversations)
    .leftJoin(agents, and(eq(agents.id, conversations.agentId), eq(agents.storeId, storeId)))
    .where(and(eq(conversations.id, id), eq(conversations.storeId, storeId), visibilityFilter(storeId, v)))
    .get();
  if (!found) throw notFound('Conversation');
  const { c: row, agentName } = found;
  const { messages, archived } = (await loadTranscripts(db, archive, [row], { copies: true })).get(row.id)!;
  const autoQa = autoQaView(archived?.autoQa ?? null);
  // Agents see their score and evidence, never the internal customer-risk number (SPEC §6).
  return { row, agentName, messages, autoQa: v.agentId !== null ? withoutRisk(autoQa) : autoQa };
}
