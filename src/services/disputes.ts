import { and, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { DAYS_IN_ORDER, daysInOrder, isoDay } from '../domain/dates';
import { isDeduction } from '../coaching/card';
import type { Localized } from '../coaching/types';
import { disputeOutcomeText } from '../coaching/wording';
import type { Db } from '../db/client';
import { coachingCards, disputes, reviews, scorecards } from '../db/schema';
import { DISPUTE_STATUSES } from '../domain/enums';
import { AppError, notFound } from '../domain/errors';
import { newId } from '../lib/ids';
import { scoreConversation, type Scorecard } from '../qa/scorecard';
import { auditOnChange } from './audit';
import { refreshAgentDay } from './rollups';
import { scorecardItems, type StoredReviewItem } from './card-inputs';
import { reflectAcceptedDispute } from './cards';
import { actorOf, colleagueRedactor, inChunks, visibleAgent, visibleAgents, type CoachingScope, type Redactor } from './coaching-scope';

export const openDisputeInput = z.object({
  reviewId: z.string().min(1).max(200),
  itemId: z.string().min(1).max(100),
  reason: z.string().trim().min(1).max(1000),
});
export const resolveDisputeInput = z
  .object({ decision: z.enum(['accept', 'reject']), reply: z.string().trim().min(1).max(2000).optional() })
  .refine((v) => v.decision === 'accept' || v.reply, { message: 'A rejection needs a reply saying why', path: ['reply'] });
export const disputeListQuery = z.object({
  status: z.enum(DISPUTE_STATUSES).optional(),
  agentId: z.string().min(1).max(200).optional(),
  from: isoDay().optional(),
  to: isoDay().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
}).refine(daysInOrder, DAYS_IN_ORDER);

type Row = typeof disputes.$inferSelect;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const UNKNOWN_ITEM = (id: string): Localized => ({ 'zh-CN': id, en: id });

/**
 * Everything a dispute's view names: its review's conversation, the item's words and the reviewer's comment
 * on it (what the lead weighs the agent's reason against), the card it is on.
 */
async function context(db: Db, storeId: string, rows: Row[]) {
  const revs = await inChunks(rows.map((r) => r.reviewId), (chunk) => db.select({ id: reviews.id, conversationId: reviews.conversationId, scorecardId: reviews.scorecardId, items: reviews.items }).from(reviews).where(and(eq(reviews.storeId, storeId), inArray(reviews.id, chunk))));
  const items = await scorecardItems(db, storeId, revs.map((r) => r.scorecardId).filter((x): x is string => !!x));
  const cards = await inChunks([...new Set(rows.map((r) => r.agentId))], (chunk) =>
    db.select({ id: coachingCards.id, agentId: coachingCards.agentId, date: coachingCards.date }).from(coachingCards).where(and(eq(coachingCards.storeId, storeId), inArray(coachingCards.agentId, chunk), inArray(coachingCards.date, [...new Set(rows.map((r) => r.date))].slice(0, 90)))),
  );
  const revOf = new Map(revs.map((r) => [r.id, r]));
  return (r: Row) => {
    const rev = revOf.get(r.reviewId);
    const item = rev?.scorecardId ? items.get(rev.scorecardId)?.get(r.itemId) : undefined;
    const given = ((rev?.items ?? []) as StoredReviewItem[]).find((i) => i.itemId === r.itemId);
    return {
      conversationId: rev?.conversationId ?? '',
      itemName: item?.name ?? UNKNOWN_ITEM(r.itemId),
      reviewerComment: given?.comment?.trim() || null,
      cardId: cards.find((c) => c.agentId === r.agentId && c.date === r.date)?.id ?? null,
    };
  };
}

/** `asRead`: how the reviewer's comment and the lead's reply read to the caller (`colleagueRedactor`). */
function view(r: Row, agentName: string, ctx: { conversationId: string; itemName: Localized; reviewerComment: string | null; cardId: string | null }, asRead: Redactor) {
  const reply = asRead(r.reply);
  return {
    id: r.id,
    reviewId: r.reviewId,
    conversationId: ctx.conversationId,
    cardId: ctx.cardId,
    agentId: r.agentId,
    agentName,
    date: r.date,
    itemId: r.itemId,
    itemName: ctx.itemName,
    reviewerComment: asRead(ctx.reviewerComment),
    reason: r.reason,
    status: r.status,
    reply,
    openedAt: iso(r.openedAt)!,
    resolvedAt: iso(r.resolvedAt),
    resolvedBy: r.resolvedAt ? { role: r.resolvedByRole ?? 'api_key', sub: r.resolvedBySub } : null,
    scoreBefore: r.scoreBefore,
    scoreAfter: r.scoreAfter,
    outcomeText: disputeOutcomeText(r.status, r.scoreBefore, r.scoreAfter, reply),
  };
}

async function one(db: Db, storeId: string, scope: CoachingScope, id: string) {
  const row = await db.select().from(disputes).where(and(eq(disputes.id, id), eq(disputes.storeId, storeId))).get();
  if (!row) throw notFound('Dispute');
  const agent = await visibleAgent(db, storeId, scope, row.agentId).catch(() => null);
  if (!agent) throw notFound('Dispute');
  return { row, agent };
}

export async function getDispute(db: Db, storeId: string, scope: CoachingScope, id: string) {
  const { row, agent } = await one(db, storeId, scope, id);
  return view(row, agent.name, (await context(db, storeId, [row]))(row), await colleagueRedactor(db, storeId, scope.agentId));
}

export async function listDisputes(db: Db, storeId: string, scope: CoachingScope, q: z.infer<typeof disputeListQuery>) {
  const visible = await visibleAgents(db, storeId, scope, q.agentId);
  const nameOf = new Map(visible.map((a) => [a.id, a.name]));
  const rows = await inChunks(visible.map((a) => a.id), (chunk) =>
    db
      .select()
      .from(disputes)
      .where(and(eq(disputes.storeId, storeId), inArray(disputes.agentId, chunk), q.status ? eq(disputes.status, q.status) : undefined, q.from ? gte(disputes.date, q.from) : undefined, q.to ? lte(disputes.date, q.to) : undefined))
      .orderBy(desc(disputes.openedAt))
      .limit(q.limit),
  );
  const page = rows.sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open') || b.openedAt - a.openedAt).slice(0, q.limit);
  const ctx = await context(db, storeId, page);
  const asRead = await colleagueRedactor(db, storeId, scope.agentId);
  return { data: page.map((r) => view(r, nameOf.get(r.agentId) ?? '', ctx(r), asRead)) };
}

/** An agent disputes one item of one of their own submitted reviews: once per item, ever. */
export async function openDispute(db: Db, storeId: string, scope: CoachingScope, input: z.infer<typeof openDisputeInput>, now: number) {
  if (!scope.agentId) throw new AppError('forbidden', 'Only the agent a review is about can dispute it');
  const review = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.id, input.reviewId), eq(reviews.storeId, storeId), eq(reviews.agentId, scope.agentId), eq(reviews.status, 'submitted'), eq(reviews.blind, false)))
    .get();
  if (!review || review.score === null) throw notFound('Review');
  const items = review.scorecardId ? (await scorecardItems(db, storeId, [review.scorecardId])).get(review.scorecardId) : undefined;
  const given = ((review.items ?? []) as StoredReviewItem[]).find((i) => i.itemId === input.itemId);
  if (!given || !isDeduction(given, items?.get(given.itemId))) throw new AppError('invalid_request', 'Only an item that lost points can be disputed', 'itemId');
  const inserted = await db
    .insert(disputes)
    .values({ id: newId('dsp'), storeId, reviewId: review.id, itemId: input.itemId, agentId: review.agentId, date: review.sampleDate, reason: input.reason, status: 'open', scoreBefore: review.score, openedAt: now })
    .onConflictDoNothing()
    .returning();
  if (!inserted[0]) throw new AppError('conflict', 'This item has already been disputed');
  // The dashboard counts disputes per agent and day.
  await refreshAgentDay(db, storeId, review);
  return getDispute(db, storeId, scope, inserted[0].id);
}

/**
 * A lead (their team), QA or a manager resolves an open dispute. Accept: the item counts as passed at full
 * points and the review is re-scored on the scorecard version it was scored with, with an audit entry;
 * the agent's card of the day shows the new average.
 * Reject: the reply tells the agent why.
 */
export async function resolveDispute(db: Db, storeId: string, scope: CoachingScope, id: string, input: z.infer<typeof resolveDisputeInput>, now: number) {
  const { row, agent } = await one(db, storeId, scope, id);
  if (row.status !== 'open') throw new AppError('conflict', `This dispute was already ${row.status}`);
  const actor = actorOf(scope);
  const resolved = { resolvedAt: now, resolvedByRole: scope.role, resolvedBySub: scope.sub, reply: input.reply ?? null };
  const openOnly = and(eq(disputes.id, row.id), eq(disputes.storeId, storeId), eq(disputes.status, 'open'));
  const d1 = db.$client;
  const prepared = (q: { sql: string; params: unknown[] }) => d1.prepare(q.sql).bind(...q.params);
  let statements: D1PreparedStatement[];
  if (input.decision === 'reject') {
    statements = [
      prepared(db.update(disputes).set({ ...resolved, status: 'rejected' }).where(openOnly).toSQL()),
      auditOnChange(db, storeId, actor, { entityType: 'dispute', entityId: row.id, action: 'dispute_rejected', before: { status: 'open' }, after: { status: 'rejected' }, reason: input.reply ?? null }, now),
    ];
  } else {
    const review = await db.select().from(reviews).where(and(eq(reviews.id, row.reviewId), eq(reviews.storeId, storeId))).get();
    const card = review?.scorecardId ? await db.select().from(scorecards).where(and(eq(scorecards.id, review.scorecardId), eq(scorecards.storeId, storeId))).get() : undefined;
    if (!review || !card || review.score === null) throw notFound('Review');
    const before = (review.items ?? []) as StoredReviewItem[];
    const after = before.map((i) => (i.itemId === row.itemId ? { ...i, outcome: 'pass' as const, points: undefined } : i));
    // The same scorecard version the review was scored with: an edit of the scorecard since changes nothing here.
    const score = Math.round(scoreConversation(card.definition as Scorecard, after).score);
    const item = (list: StoredReviewItem[]) => list.find((i) => i.itemId === row.itemId) ?? null;
    // One atomic step: the review is re-scored only if the dispute is still open and the items are as read
    // (another accepted dispute on the same review in between would otherwise be lost), the dispute is
    // closed only if the review was, and the audit entry follows the dispute.
    const rescore = db
      .update(reviews)
      .set({ items: after, score })
      .where(and(eq(reviews.id, review.id), eq(reviews.storeId, storeId), sql`${reviews.items} = ${JSON.stringify(review.items)}`, sql`exists (select 1 from ${disputes} where ${openOnly})`))
      .toSQL();
    const close = db.update(disputes).set({ ...resolved, status: 'accepted', scoreAfter: score }).where(and(openOnly, sql`changes() = 1`)).toSQL();
    statements = [
      prepared(rescore),
      prepared(close),
      // Filed under the review, whose score it changes; the dispute's id is in `after` to find it from there.
      auditOnChange(db, storeId, actor, { entityType: 'review', entityId: review.id, action: 'dispute_accepted', before: { score: review.score, item: item(before) }, after: { score, item: item(after), scorecardId: card.id, scorecardVersion: card.version, disputeId: row.id }, reason: `${row.reason}${input.reply ? ` / ${input.reply}` : ''}` }, now),
    ];
  }
  const results = await d1.batch(statements);
  // The statement that closes the dispute is the one before the audit entry: if it wrote nothing, another resolution came first.
  if (!results[statements.length - 2]?.meta.changes) throw new AppError('conflict', 'This dispute was resolved, or its review changed, in the meantime: read it again');
  const fresh = await db.select().from(disputes).where(eq(disputes.id, row.id)).get();
  // An accepted dispute changes the review's score and items: the agent's card of the day and day rollups follow.
  if (input.decision === 'accept') await reflectAcceptedDispute(db, storeId, row.agentId, row.date);
  await refreshAgentDay(db, storeId, { sampleDate: row.date, agentId: row.agentId });
  return view(fresh!, agent.name, (await context(db, storeId, [fresh!]))(fresh!), await colleagueRedactor(db, storeId, scope.agentId));
}
