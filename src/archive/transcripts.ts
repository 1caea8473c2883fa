/**
 * A conversation's transcript: its messages in D1 while hot (and while open), and in R2 with the full
 * AutoQA result once it is scored. Readers get one merged list and never need to know where it came from.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agentExternalIds, conversations, messages } from '../db/schema';
import type { SenderRole } from '../domain/enums';
import { derivedId } from '../lib/ids';
import type { AutoQaResult } from '../qa/types';
import { transcriptKey } from './keys';

export interface TranscriptMessage {
  externalId: string;
  role: SenderRole;
  senderExternalId: string | null;
  senderName: string | null;
  /** The agent the sender id mapped to when archived; the current mapping wins when read. */
  agentId: string | null;
  text: string;
  contentType: string | null;
  internal: boolean;
  sentAt: number;
  /** When the platform announced the latest edit of the text (absent in transcripts archived before edits were kept). */
  editedAt?: number | null;
}

/** A message as services see it: with its API id (derived from connection and platform id). */
export interface StoredMessage extends TranscriptMessage {
  id: string;
}

/**
 * The whole AutoQA result as stored: evidence on API message ids, and the scorecard version it was scored
 * with. Read back from JSON, its lists are its own (AutoQA's in-memory items are shared and frozen).
 */
export type ArchivedAutoQa = Omit<AutoQaResult, 'items'> & { items: AutoQaResult['items'][number][]; scorecardId: string; scorecardVersion: number; scoredAt: number };

export interface Transcript {
  v: 1;
  storeId: string;
  conversationId: string;
  connectionId: string;
  archivedAt: number;
  messages: StoredMessage[];
  autoQa: ArchivedAutoQa | null;
}

export interface ConversationRef {
  id: string;
  storeId: string;
  connectionId: string;
  archivedAt: number | null;
  /** Where its messages are (conversations.hot): 1 = all in D1. */
  hot: number;
}

const MAX_IDS = 90;

export async function putTranscript(bucket: R2Bucket, t: Transcript) {
  await bucket.put(transcriptKey(t.storeId, t.conversationId), JSON.stringify(t), { httpMetadata: { contentType: 'application/json' } });
}

export async function getTranscript(bucket: R2Bucket, storeId: string, conversationId: string): Promise<Transcript | null> {
  const object = await bucket.get(transcriptKey(storeId, conversationId));
  return object ? ((await object.json()) as Transcript) : null;
}

export const messageId = (connectionId: string, externalId: string) => derivedId('msg', connectionId, externalId);

/** Messages in their own time order (ties by platform id), as AutoQA and the API read them. */
export const byTime = (a: TranscriptMessage, b: TranscriptMessage) =>
  a.sentAt - b.sentAt || (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0);

/**
 * The merged transcripts of these conversations (all of one store): hot rows, and the archived copy
 * where one exists and is needed (messages not all in D1, or `copies` asked for: its AutoQA result).
 * A hot row wins over the archived copy of the same message (it came later).
 */
export async function loadTranscripts(db: Db, bucket: R2Bucket, refs: ConversationRef[], opts: { copies?: boolean } = {}) {
  /** The merged messages; the archived copy; the rows of it in D1. */
  const out = new Map<string, { messages: StoredMessage[]; archived: Transcript | null; hot: TranscriptMessage[] }>();
  if (!refs.length) return out;
  const hot = new Map<string, TranscriptMessage[]>();
  const ids = refs.map((r) => r.id);
  for (let i = 0; i < ids.length; i += MAX_IDS) {
    const rows = await db
      .select()
      .from(messages)
      .where(inArray(messages.conversationId, ids.slice(i, i + MAX_IDS)));
    // The text's version and the registry flag only steer writes: readers and the archive need neither.
    for (const { conversationId, version: _v, roleFromRegistry: _r, ...m } of rows) hot.set(conversationId, [...(hot.get(conversationId) ?? []), { ...m, agentId: null }]);
  }
  const archived = await Promise.all(refs.map((r) => (r.archivedAt === null || (r.hot === 1 && !opts.copies) ? null : getTranscript(bucket, r.storeId, r.id))));
  const merged = refs.map((ref, i) => {
    const byExternal = new Map<string, TranscriptMessage>();
    for (const m of archived[i]?.messages ?? []) byExternal.set(m.externalId, m);
    for (const m of hot.get(ref.id) ?? []) byExternal.set(m.externalId, { ...m, agentId: byExternal.get(m.externalId)?.agentId ?? null });
    return { ref, list: [...byExternal.values()].sort(byTime), archived: archived[i] ?? null };
  });
  const agents = await agentMapping(
    db,
    merged.flatMap(({ ref, list }) =>
      list.filter((m) => m.role === 'agent' && m.senderExternalId).map((m) => ({ connectionId: ref.connectionId, externalId: m.senderExternalId! })),
    ),
  );
  for (const { ref, list, archived: copy } of merged) {
    const withIds = await Promise.all(
      list.map(
        async (m): Promise<StoredMessage> => ({
          ...m,
          id: await messageId(ref.connectionId, m.externalId),
          agentId: m.role === 'agent' && m.senderExternalId ? (agents.get(`${ref.connectionId}\u0000${m.senderExternalId}`) ?? m.agentId) : null,
        }),
      ),
    );
    out.set(ref.id, { messages: withIds, archived: copy, hot: hot.get(ref.id) ?? [] });
  }
  return out;
}

/** `${connection}\u0000${platform agent id}` → agent id, for the ids given. */
async function agentMapping(db: Db, refs: { connectionId: string; externalId: string }[]) {
  const out = new Map<string, string>();
  const byConnection = new Map<string, Set<string>>();
  for (const r of refs) byConnection.set(r.connectionId, (byConnection.get(r.connectionId) ?? new Set()).add(r.externalId));
  for (const [connectionId, set] of byConnection) {
    const list = [...set];
    for (let i = 0; i < list.length; i += MAX_IDS) {
      const rows = await db
        .select({ externalId: agentExternalIds.externalId, agentId: agentExternalIds.agentId })
        .from(agentExternalIds)
        .where(and(eq(agentExternalIds.connectionId, connectionId), inArray(agentExternalIds.externalId, list.slice(i, i + MAX_IDS))));
      for (const r of rows) out.set(`${connectionId}\u0000${r.externalId}`, r.agentId);
    }
  }
  return out;
}

/**
 * The transcripts of a store's conversations by id, read where they are, with the whole AutoQA result
 * (in the archive since scoring) when `autoQa` is asked for. Unknown ids are left out.
 */
export async function transcriptsOf(db: Db, bucket: R2Bucket, storeId: string, conversationIds: string[], opts: { autoQa?: boolean } = {}) {
  const refs: ConversationRef[] = [];
  const ids = [...new Set(conversationIds)];
  for (let i = 0; i < ids.length; i += MAX_IDS) {
    refs.push(
      ...(await db
        .select({ id: conversations.id, storeId: conversations.storeId, connectionId: conversations.connectionId, archivedAt: conversations.archivedAt, hot: conversations.hot })
        .from(conversations)
        .where(and(eq(conversations.storeId, storeId), inArray(conversations.id, ids.slice(i, i + MAX_IDS))))),
    );
  }
  const loaded = await loadTranscripts(db, bucket, refs, { copies: opts.autoQa });
  return new Map([...loaded].map(([id, t]) => [id, { messages: t.messages, autoQa: t.archived?.autoQa ?? null }]));
}
