import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { eraseCustomerFromArchive } from '../archive/erase';
import { utcDay } from '../archive/keys';
import { loadTranscripts, putTranscript, type StoredMessage } from '../archive/transcripts';
import type { Db } from '../db/client';
import { ofCustomers } from '../db/customers';
import { d1Statement } from '../db/statements';
import { auditLog, connections, conversations, messageEdits, messages, platformUsers } from '../db/schema';
import { notFound } from '../domain/errors';
import { sha256Hex } from '../lib/ids';
import { eraseEvidence, eraseFromStaffText, timeWindows } from '../privacy/redact';
import { auditInsert } from './audit';
import type { Actor } from './coaching-scope';

export const eraseInput = z.object({
  /** Only this connection's customer of that id (platform ids are per platform). */
  connectionId: z.string().min(1).optional(),
  reason: z.string().trim().min(1).max(500).optional(),
});

/** Conversations erased per call: the call stays well inside D1's 1,000 queries; `complete: false` asks for another. */
const PER_CALL = 50;
/** Deliveries are looked for this long either side of the conversation's own times. */
const WINDOW_MS = 6 * 3600_000;

type Statement = D1PreparedStatement;
type Conversation = typeof conversations.$inferSelect;

const chunks = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

/** How the audit log names an erased customer without naming them: the same customer always gives the same hash. */
export const customerRef = async (storeId: string, customerId: string) => (await sha256Hex(`${storeId}\u0000${customerId}`)).slice(0, 16);

/**
 * The customer's conversations still to erase, one call's worth and one more (to tell whether more are
 * left), by the customer index (db/customers.ts). No ORDER BY: sorting by id would let SQLite walk the
 * primary key instead.
 */
export const customerConversations = (db: Db, storeId: string, customerId: string, connectionId?: string) =>
  db
    .select()
    .from(conversations)
    .where(
      and(ofCustomers(storeId, [customerId]), connectionId ? eq(conversations.connectionId, connectionId) : undefined),
    )
    .limit(PER_CALL + 1);

/**
 * Erases one customer (SPEC §9), wherever their data is: their conversations lose the customer's id,
 * name and rating comment; the customer's messages lose their text and sender and staff messages in
 * them are masked and lose the customer's name, in D1 (the hot window) and in the archived transcripts
 * (R2), whose AutoQA evidence stops quoting the erased messages; the archived raw deliveries of those
 * conversations lose the customer's events (a delivery only about them is dropped). Scores, reviews and
 * the agent's side stay. One D1 batch per call, with the audit entry.
 */
export async function eraseCustomer(db: Db, archive: R2Bucket, storeId: string, customerId: string, input: z.infer<typeof eraseInput>, actor: Actor, now: number) {
  const found = (await customerConversations(db, storeId, customerId, input.connectionId)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (input.connectionId && !found.length) await assertConnection(db, storeId, input.connectionId);
  const ref = await customerRef(storeId, customerId);
  if (!found.length) {
    // Nothing left: erased before (the log says so, by the same hash) is an answer; never seen is a 404.
    const before = await db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.storeId, storeId), eq(auditLog.entityType, 'customer'), eq(auditLog.entityId, ref), eq(auditLog.action, 'customer_erased'))).get();
    if (!before) throw notFound('Customer');
    return { conversations: 0, customerMessages: 0, staffMessagesMasked: 0, autoQaResults: 0, rawDeliveriesDeleted: 0, rawDeliveriesRedacted: 0, complete: true, alreadyErased: true };
  }
  const batch = found.slice(0, PER_CALL);
  const ids = batch.map((c) => c.id);
  // Every message, wherever it is (D1 while hot, the archive after), with the archived copies to rewrite.
  const transcripts = await loadTranscripts(db, archive, batch, { copies: true });
  const msgs: (StoredMessage & { conversationId: string })[] = batch.flatMap((c) => (transcripts.get(c.id)?.messages ?? []).map((m) => ({ ...m, conversationId: c.id })));
  const customerMessageIds = new Set(msgs.filter((m) => m.role === 'customer').map((m) => m.id));
  const nameOf = new Map(batch.map((c) => [c.id, c.customerName]));

  const d1 = db.$client;
  const statements: Statement[] = [];
  for (const part of chunks(ids, 90)) {
    statements.push(
      d1Statement(d1, db.update(conversations).set({ customerExternalId: null, customerKey: null, customerName: null, ratingComment: null }).where(and(eq(conversations.storeId, storeId), inArray(conversations.id, part)))),
      d1Statement(d1, db.update(messages).set({ text: '', senderName: null, senderExternalId: null }).where(and(inArray(messages.conversationId, part), eq(messages.role, 'customer')))),
    );
  }
  const staffChanges: [string, string][] = [];
  const staffRows: [string, string, string][] = [];
  for (const m of msgs) {
    if (m.role === 'customer') continue;
    const text = eraseFromStaffText(m.text, nameOf.get(m.conversationId) ?? null);
    if (text === m.text) continue;
    staffChanges.push([m.id, text]);
    staffRows.push([m.conversationId, m.externalId, text]);
  }
  for (const part of chunks(staffRows, 200)) {
    // One JSON parameter for many rows: D1 binds at most 100 parameters. Rows already archived match nothing here.
    statements.push(d1Statement(d1, sql`update messages set text = (select json_extract(value, '$[2]') from json_each(${JSON.stringify(part)})
        where json_extract(value, '$[0]') = messages.conversation_id and json_extract(value, '$[1]') = messages.external_id)
      where (conversation_id, external_id) in (select json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(${JSON.stringify(part)}))`));
  }
  // Edits the platform announced: the customer's go, staff ones are masked like the messages.
  const staffIds = msgs.filter((m) => m.role !== 'customer').map((m) => m.id);
  for (const part of chunks([...customerMessageIds], 90)) statements.push(d1Statement(d1, db.delete(messageEdits).where(and(eq(messageEdits.storeId, storeId), inArray(messageEdits.messageId, part)))));
  const edits = (await Promise.all(chunks(staffIds, 90).map((part) => db.select().from(messageEdits).where(and(eq(messageEdits.storeId, storeId), inArray(messageEdits.messageId, part)))))).flat();
  const conversationOf = new Map(msgs.map((m) => [m.id, m.conversationId]));
  const editChanges = edits.map((e) => [e.messageId, e.editedAt, eraseFromStaffText(e.text, nameOf.get(conversationOf.get(e.messageId)!) ?? null), e.text] as const).filter(([, , text, was]) => text !== was);
  for (const part of chunks(editChanges.map(([id, at, text]) => [id, at, text]), 200)) {
    statements.push(d1Statement(d1, sql`update message_edits set text = (select json_extract(value, '$[2]') from json_each(${JSON.stringify(part)}) where json_extract(value, '$[0]') = message_edits.message_id and json_extract(value, '$[1]') = message_edits.edited_at)
      where store_id = ${storeId} and (message_id, edited_at) in (select json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(${JSON.stringify(part)}))`));
  }
  // The platform's registry entry for the customer (their id and name).
  statements.push(d1Statement(d1, db.delete(platformUsers).where(and(eq(platformUsers.storeId, storeId), eq(platformUsers.externalId, customerId), eq(platformUsers.role, 'customer'), input.connectionId ? eq(platformUsers.connectionId, input.connectionId) : undefined))));

  // The archived transcripts, rewritten as the rows are: the erased messages, and the AutoQA evidence quoting them.
  const staffTexts = new Map(staffChanges);
  const needles = { exact: new Set(msgs.filter((m) => m.role === 'customer' && m.text).map((m) => m.text)), within: [...new Set(batch.map((c) => c.customerName?.trim() ?? '').filter((n) => n.length >= 2))] };
  let autoQaResults = 0;
  for (const c of batch) {
    const copy = transcripts.get(c.id)?.archived;
    if (!copy) continue;
    if (copy.autoQa) autoQaResults++;
    await putTranscript(archive, {
      ...copy,
      messages: copy.messages.map((m) =>
        m.role === 'customer' ? { ...m, text: '', senderName: null, senderExternalId: null } : staffTexts.has(m.id) ? { ...m, text: staffTexts.get(m.id)! } : m,
      ),
      autoQa: copy.autoQa ? eraseEvidence(copy.autoQa, customerMessageIds, staffTexts, needles) : null,
    });
  }

  const raw = await eraseArchivedDeliveries(db, archive, storeId, customerId, batch, msgs);
  const counts = { conversations: batch.length, customerMessages: customerMessageIds.size, staffMessagesMasked: staffChanges.length, autoQaResults, rawDeliveriesDeleted: raw.deleted, rawDeliveriesRedacted: raw.redacted };
  const entry = { entityType: 'customer' as const, entityId: ref, action: 'customer_erased' as const };
  statements.push(d1Statement(d1, auditInsert(db, storeId, actor, { ...entry, before: null, after: { ...counts, connectionId: input.connectionId ?? null }, reason: input.reason ?? null }, now)));
  await d1.batch(statements);
  return { ...counts, complete: found.length <= PER_CALL, alreadyErased: false };
}

async function assertConnection(db: Db, storeId: string, connectionId: string) {
  const row = await db.select({ id: connections.id }).from(connections).where(and(eq(connections.id, connectionId), eq(connections.storeId, storeId))).get();
  if (!row) throw notFound('Connection');
}

/**
 * The archived raw deliveries of these conversations, found by the UTC days they were received (around
 * the conversations' own times), and confirmed by the platform adapter reading each delivery: nothing is
 * touched on a text match alone. A delivery only about them is dropped; one that also carries others
 * keeps those events.
 */
async function eraseArchivedDeliveries(db: Db, archive: R2Bucket, storeId: string, customerId: string, batch: Conversation[], msgs: { sentAt: number }[]) {
  const times = batch.flatMap((c) => [c.openedAt, c.lastMessageAt, c.closedAt, c.ratedAt, c.reopenedAt, c.archivedAt]).concat(msgs.map((m) => m.sentAt));
  const days = new Set<string>();
  for (const [from, to] of timeWindows(times.filter((t): t is number => t !== null), WINDOW_MS)) {
    for (let t = from; t <= to + 86_400_000; t += 86_400_000) if (t <= Math.max(to, from)) days.add(utcDay(t));
    days.add(utcDay(to));
  }
  const progress = await eraseCustomerFromArchive(
    db,
    archive,
    storeId,
    { customerExternalIds: [customerId], conversations: batch.map((c) => ({ id: c.id, connectionId: c.connectionId, externalId: c.externalId })) },
    { days: [...days].sort(), transcripts: false },
  );
  return { deleted: progress.deliveriesDropped, redacted: progress.deliveriesRewritten };
}
