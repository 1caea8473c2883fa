import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { agents, autoQaResults, conversations, messages } from '../db/schema';
import { FROM_BEFORE_TO, fromBeforeTo, isoInstant } from '../domain/dates';
import { AppError, notFound } from '../domain/errors';
import { CONVERSATION_STATUSES } from '../db/schema';

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
type MessageRow = typeof messages.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** Conversations created by a close or rating event before any message have no open time yet. */
const sortTime = sql<number>`coalesce(${conversations.openedAt}, ${conversations.createdAt})`;

type AutoQaRow = typeof autoQaResults.$inferSelect;

/** The stored AutoQA result as the API shows it: score, risk, evidence, and the scorecard version used. */
export function autoQaView(row: AutoQaRow | null | undefined) {
  if (!row) return null;
  const result = row.result;
  return {
    score: row.score,
    risk: row.risk,
    critical: row.critical,
    escalation: row.escalation,
    phase: row.phase,
    scorecardId: row.scorecardId,
    scorecardVersion: result.scorecardVersion ?? null,
    scoredAt: new Date(row.scoredAt).toISOString(),
    keywordHits: row.keywordHits,
    riskFactors: result.riskFactors ?? [],
    items: result.items ?? [],
    hits: result.hits ?? [],
  };
}

/** AutoQA as an agent sees it: their score and evidence, never the internal customer-risk number. */
export function withoutRisk<T extends { risk?: unknown; riskFactors?: unknown } | null>(autoQa: T): T {
  if (!autoQa) return autoQa;
  const { risk: _risk, riskFactors: _factors, ...rest } = autoQa;
  return rest as T;
}

export function conversationSummary(row: ConversationRow) {
  return {
    id: row.id,
    externalId: row.externalId,
    connectionId: row.connectionId,
    platform: row.platform,
    agentId: row.agentId,
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

export function messageView(m: MessageRow) {
  return {
    id: m.id,
    externalId: m.externalId,
    role: m.role,
    agentId: m.agentId,
    senderId: m.senderExternalId,
    senderName: m.senderName,
    text: m.text,
    contentType: m.contentType,
    internal: m.internal,
    createdAt: new Date(m.sentAt).toISOString(),
    editedAt: iso(m.editedAt),
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

export async function listConversations(db: Db, storeId: string, q: ListQuery, v: Visibility) {
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await db
    .select({ c: conversations, autoQa: { score: autoQaResults.score, risk: autoQaResults.risk, critical: autoQaResults.critical } })
    .from(conversations)
    .leftJoin(autoQaResults, eq(autoQaResults.conversationId, conversations.id))
    .where(
      and(
        eq(conversations.storeId, storeId),
        visibilityFilter(storeId, v),
        q.agentId ? eq(conversations.agentId, q.agentId) : undefined,
        q.externalId ? eq(conversations.externalId, q.externalId) : undefined,
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
    data: page.map((r) => ({ ...conversationSummary(r.c), autoQa: v.agentId !== null ? withoutRisk(r.autoQa) : r.autoQa })),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.openedAt ?? last.createdAt, id: last.id }) : null,
  };
}

/** One conversation with its messages in their own time order; 404 for another store's or a hidden one. */
export async function getConversation(db: Db, storeId: string, id: string, v: Visibility) {
  const row = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.storeId, storeId), visibilityFilter(storeId, v)))
    .get();
  if (!row) throw notFound('Conversation');
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, row.id), eq(messages.storeId, storeId)))
    .orderBy(asc(messages.sentAt), asc(messages.externalId));
  const autoQa = await db.select().from(autoQaResults).where(and(eq(autoQaResults.conversationId, row.id), eq(autoQaResults.storeId, storeId))).get();
  // Agents see their score and evidence, never the internal risk number (SPEC §6).
  return { row, messages: rows, autoQa: v.agentId !== null ? withoutRisk(autoQaView(autoQa)) : autoQaView(autoQa) };
}
