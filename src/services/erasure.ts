import { and, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { d1Statement } from '../db/statements';
import { auditLog, autoQaResults, connections, conversations, messageEdits, messages, platformUsers, rawEvents } from '../db/schema';
import { notFound } from '../domain/errors';
import { getAdapter } from '../ingest/adapters';
import type { ConversationEvent, NormalisedEvent, NormaliseContext } from '../ingest/types';

/** The events that belong to a conversation (a participant registry entry belongs to none). */
const conversationEvents = (events: NormalisedEvent[]) => events.filter((e): e is ConversationEvent => e.kind !== 'participant.seen');
import { sha256Hex } from '../lib/ids';
import { dropElementsAbout, eraseEvidence, eraseFromStaffText, redactJson, timeWindows } from '../privacy/redact';
import { auditInsert } from './audit';
import type { Actor } from './coaching-scope';

export const eraseInput = z.object({
  /** Only this connection's customer of that id (platform ids are per platform). */
  connectionId: z.string().min(1).optional(),
  reason: z.string().trim().min(1).max(500).optional(),
});

/** Conversations erased per call: the call stays well inside D1's 1,000 queries; `complete: false` asks for another. */
const PER_CALL = 50;
/** Deliveries are looked for this long either side of the conversation's own times and of when ShopQA wrote them. */
const WINDOW_MS = 6 * 3600_000;

type Statement = D1PreparedStatement;
type Conversation = typeof conversations.$inferSelect;

const chunks = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

/** How the audit log names an erased customer without naming them: the same customer always gives the same hash. */
export const customerRef = async (storeId: string, customerId: string) => (await sha256Hex(`${storeId}\u0000${customerId}`)).slice(0, 16);

/**
 * Erases one customer (SPEC §9): their conversations lose the customer's id, name and rating comment;
 * the customer's messages lose their text and sender; staff messages in them are masked and lose the
 * customer's name; AutoQA evidence stops quoting the erased messages; stored raw deliveries of those
 * conversations are deleted (or, when a delivery also carries other conversations, redacted). Scores,
 * reviews and the agent's side stay. One D1 batch per call, with the audit entry.
 */
export async function eraseCustomer(db: Db, storeId: string, customerId: string, input: z.infer<typeof eraseInput>, actor: Actor, now: number) {
  const found = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.storeId, storeId), eq(conversations.customerExternalId, customerId), input.connectionId ? eq(conversations.connectionId, input.connectionId) : undefined))
    .orderBy(conversations.id)
    .limit(PER_CALL + 1);
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
  const msgs = (await Promise.all(chunks(ids, 90).map((part) => db.select().from(messages).where(and(eq(messages.storeId, storeId), inArray(messages.conversationId, part)))))).flat();
  const customerMessageIds = new Set(msgs.filter((m) => m.role === 'customer').map((m) => m.id));
  const nameOf = new Map(batch.map((c) => [c.id, c.customerName]));

  const d1 = db.$client;
  const statements: Statement[] = [];
  for (const part of chunks(ids, 90)) {
    statements.push(
      d1Statement(d1, db.update(conversations).set({ customerExternalId: null, customerName: null, ratingComment: null }).where(and(eq(conversations.storeId, storeId), inArray(conversations.id, part)))),
      d1Statement(d1, db.update(messages).set({ text: '', senderName: null, senderExternalId: null }).where(and(eq(messages.storeId, storeId), inArray(messages.conversationId, part), eq(messages.role, 'customer')))),
    );
  }
  const staffChanges: [string, string][] = [];
  for (const m of msgs) {
    if (m.role === 'customer') continue;
    const text = eraseFromStaffText(m.text, nameOf.get(m.conversationId) ?? null);
    if (text !== m.text) staffChanges.push([m.id, text]);
  }
  for (const part of chunks(staffChanges, 200)) {
    // One JSON parameter for many rows: D1 binds at most 100 parameters.
    statements.push(d1Statement(d1, sql`update messages set text = (select json_extract(value, '$[1]') from json_each(${JSON.stringify(part)}) where json_extract(value, '$[0]') = messages.id)
      where store_id = ${storeId} and id in (select json_extract(value, '$[0]') from json_each(${JSON.stringify(part)}))`));
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
  const results = (await Promise.all(chunks(ids, 90).map((part) => db.select().from(autoQaResults).where(and(eq(autoQaResults.storeId, storeId), inArray(autoQaResults.conversationId, part)))))).flat();
  const staffTexts = new Map(staffChanges);
  const needles = { exact: new Set(msgs.filter((m) => m.role === 'customer' && m.text).map((m) => m.text)), within: [...new Set(batch.map((c) => c.customerName?.trim() ?? '').filter((n) => n.length >= 2))] };
  for (const r of results) statements.push(d1Statement(d1, db.update(autoQaResults).set({ result: eraseEvidence(r.result, customerMessageIds, staffTexts, needles) }).where(eq(autoQaResults.conversationId, r.conversationId))));

  const raw = await rawDeliveryStatements(db, storeId, batch, msgs);
  statements.push(...raw.statements);
  const counts = { conversations: batch.length, customerMessages: customerMessageIds.size, staffMessagesMasked: staffChanges.length, autoQaResults: results.length, rawDeliveriesDeleted: raw.deleted, rawDeliveriesRedacted: raw.redacted };
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
 * The stored deliveries of these conversations, found by when they were received (around the
 * conversations' own times and when ShopQA wrote their rows), narrowed by the conversation ids in the
 * body, and confirmed by the platform adapter reading the body: nothing is touched on a text match alone.
 */
async function rawDeliveryStatements(db: Db, storeId: string, batch: Conversation[], msgs: (typeof messages.$inferSelect)[]) {
  const toDelete: string[] = [];
  const toRedact: { id: string; body: string }[] = [];
  const byConnection = new Map<string, Conversation[]>();
  for (const c of batch) byConnection.set(c.connectionId, [...(byConnection.get(c.connectionId) ?? []), c]);
  for (const [connectionId, convs] of byConnection) {
    const externalIds = new Set(convs.map((c) => c.externalId));
    const convIds = new Set(convs.map((c) => c.id));
    const times = convs.flatMap((c) => [c.createdAt, c.openedAt, c.lastMessageAt, c.closedAt, c.ratedAt]).concat(msgs.filter((m) => convIds.has(m.conversationId)).flatMap((m) => [m.createdAt, m.sentAt]));
    const seen = new Set<string>();
    for (const [from, to] of timeWindows(times.filter((t): t is number => t !== null), WINDOW_MS)) {
      for (const part of chunks([...externalIds], 40)) {
        const candidates = await db
          .select({ id: rawEvents.id, platform: rawEvents.platform, body: rawEvents.body, receivedAt: rawEvents.receivedAt })
          .from(rawEvents)
          .where(and(eq(rawEvents.storeId, storeId), eq(rawEvents.connectionId, connectionId), gte(rawEvents.receivedAt, from), lte(rawEvents.receivedAt, to), or(...part.map((x) => sql`instr(${rawEvents.body}, ${x}) > 0`))));
        for (const c of candidates) {
          if (seen.has(c.id)) continue;
          seen.add(c.id);
          const verdict = judgeDelivery(c.platform, c, externalIds, convs);
          if (verdict.kind === 'delete') toDelete.push(c.id);
          else if (verdict.kind === 'redact') toRedact.push({ id: c.id, body: verdict.body });
        }
      }
    }
  }
  // Deletes in bulk (a conversation has a delivery per message); redactions, which are rare, one by one.
  const statements = [
    ...chunks(toDelete, 90).map((part) => d1Statement(db.$client, db.delete(rawEvents).where(and(eq(rawEvents.storeId, storeId), inArray(rawEvents.id, part))))),
    ...toRedact.map((r) => d1Statement(db.$client, db.update(rawEvents).set({ body: r.body }).where(and(eq(rawEvents.storeId, storeId), eq(rawEvents.id, r.id))))),
  ];
  return { statements, deleted: toDelete.length, redacted: toRedact.length };
}

type Verdict = { kind: 'keep' } | { kind: 'delete' } | { kind: 'redact'; body: string };

/**
 * A delivery only about the erased conversations goes. One that also carries other conversations keeps
 * theirs: the erased conversations' events are dropped from it (checked by reading it again with the
 * platform's adapter), or, where the platform's shape does not allow that, their words are blanked.
 */
export function judgeDelivery(platform: Parameters<typeof getAdapter>[0], raw: { body: string; receivedAt: number }, externalIds: Set<string>, convs: Pick<Conversation, 'customerName'>[]): Verdict {
  const adapter = getAdapter(platform);
  const context = { receivedAt: raw.receivedAt };
  let parsed: unknown;
  let events: ConversationEvent[];
  try {
    parsed = JSON.parse(raw.body);
    events = conversationEvents(adapter.normalise(parsed, context).events);
  } catch {
    return { kind: 'keep' };
  }
  const theirs = events.filter((e) => externalIds.has(e.conversationId));
  if (!theirs.length) return { kind: 'keep' };
  if (theirs.length === events.length) return { kind: 'delete' };
  const ids = new Set<string>();
  const texts = new Set<string>();
  for (const e of theirs) {
    if ((e.kind === 'message.created' || e.kind === 'message.edited') && e.text) texts.add(e.text);
    if (e.kind === 'message.created' && e.sender.role === 'customer') for (const v of [e.sender.id, e.sender.name]) if (v) ids.add(v);
    if (e.kind === 'conversation.opened') for (const v of [e.customer?.id, e.customer?.name]) if (v) ids.add(v);
    if (e.kind === 'conversation.rated' && e.rating.comment) texts.add(e.rating.comment);
  }
  // Ids only as whole values (c-1 must not eat into c-12); a name wherever it is written.
  const names = convs.map((c) => c.customerName?.trim() ?? '').filter((n) => n.length >= 2);
  const kept = new Set(events.filter((e) => !externalIds.has(e.conversationId)).map((e) => e.conversationId));
  const dropped = redactJson(dropElementsAbout(parsed, externalIds, kept), { exact: ids, within: names });
  if (readsAs(adapter, context, dropped, events.length - theirs.length, externalIds)) return { kind: 'redact', body: JSON.stringify(dropped) };
  return { kind: 'redact', body: JSON.stringify(redactJson(parsed, { exact: new Set([...ids, ...texts]), within: names })) };
}

/** Whether a rewritten delivery still parses for its platform, with `count` events and none of the erased conversations. */
function readsAs(adapter: ReturnType<typeof getAdapter>, context: NormaliseContext, body: unknown, count: number, erased: Set<string>): boolean {
  try {
    const events = conversationEvents(adapter.normalise(body, context).events);
    return events.length === count && !events.some((e) => erased.has(e.conversationId));
  } catch {
    return false;
  }
}
