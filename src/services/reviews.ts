import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { agents, conversations, reviews, sampleSelections, scorecards } from '../db/schema';
import { d1Statement } from '../db/statements';
import { DAYS_IN_ORDER, daysInOrder, isoDay } from '../domain/dates';
import { loadTranscripts } from '../archive/transcripts';
import { auditOnChange } from './audit';
import { colleagueRedactor, type Actor } from './coaching-scope';
import { getConversation, conversationSummary, messageView, withoutRisk, type Visibility } from './conversations';
import { AppError, notFound } from '../domain/errors';
import { allItems, scoreConversation, type Scorecard } from '../qa/scorecard';
import { agreementInserts } from './agreement';
import { maxPointsOf, refreshCalibrationAfter, reviewRollupStatements } from './rollups';
import { scorecardView } from './scorecards';
import { getSettings } from './settings';

type ReviewRow = typeof reviews.$inferSelect;

export const submitInput = z.object({
  items: z
    .array(
      z.object({
        itemId: z.string().min(1).max(64),
        outcome: z.enum(['pass', 'fail', 'na']),
        points: z.number().min(0).optional(),
        comment: z.string().trim().max(2000).optional(),
        /** The message the finding is about: the agent's card quotes it. */
        messageId: z.string().min(1).max(200).optional(),
      }),
    )
    .min(1)
    .max(200),
  goodExample: z.boolean().default(false),
  comment: z.string().trim().max(4000).optional(),
});
export type SubmitInput = z.infer<typeof submitInput>;

export const listQuery = z.object({ status: z.enum(['pending', 'submitted']).optional(), date: isoDay().optional(), reviewerId: z.string().min(1).max(200).optional() });

/**
 * Which reviews a caller sees: a QA reviewer their own queue (token `sub` = reviewer id), an agent their
 * own submitted reviews (never a calibration copy), a lead their team's, managers all.
 */
export type ReviewScope = { reviewerId: string | null; agentId?: string | null; team?: string | null };

/** The filter a scope puts on the reviews table. */
function scopeFilter(storeId: string, scope: ReviewScope) {
  return and(
    scope.reviewerId ? eq(reviews.reviewerId, scope.reviewerId) : undefined,
    scope.agentId ? and(eq(reviews.agentId, scope.agentId), eq(reviews.status, 'submitted'), eq(reviews.blind, false)) : undefined,
    scope.team ? inArray(reviews.agentId, sql`(select ${agents.id} from ${agents} where ${agents.storeId} = ${storeId} and ${agents.team} = ${scope.team})`) : undefined,
  );
}

function summary(r: ReviewRow, agentName: string | null, reasons: string[], autoScore: number | null) {
  return { id: r.id, conversationId: r.conversationId, agentId: r.agentId, agentName, reviewerId: r.reviewerId, sampleDate: r.sampleDate, reasons, status: r.status, blind: r.blind, score: r.score, autoScore };
}

export async function listReviews(db: Db, storeId: string, q: z.infer<typeof listQuery>, scope: ReviewScope) {
  const reviewerId = scope.reviewerId ?? q.reviewerId;
  const rows = await db
    .select({ r: reviews, agentName: agents.name, autoScore: conversations.qaScore })
    .from(reviews)
    .leftJoin(agents, eq(agents.id, reviews.agentId))
    .leftJoin(conversations, eq(conversations.id, reviews.conversationId))
    .where(and(eq(reviews.storeId, storeId), scopeFilter(storeId, scope), reviewerId ? eq(reviews.reviewerId, reviewerId) : undefined, q.status ? eq(reviews.status, q.status) : undefined, q.date ? eq(reviews.sampleDate, q.date) : undefined))
    .orderBy(asc(reviews.sampleDate), asc(reviews.agentId), asc(reviews.id))
    .limit(500);
  const reasons = await reasonsOf(db, storeId, rows.map((x) => x.r));
  return rows.map((x) => summary(x.r, x.agentName, reasons.get(`${x.r.sampleDate}|${x.r.conversationId}`) ?? [], x.autoScore));
}

async function reasonsOf(db: Db, storeId: string, rows: ReviewRow[]) {
  const out = new Map<string, string[]>();
  const ids = [...new Set(rows.map((r) => r.conversationId))];
  for (let i = 0; i < ids.length; i += 90) {
    const sel = await db
      .select({ date: sampleSelections.date, conversationId: sampleSelections.conversationId, reason: sampleSelections.reason })
      .from(sampleSelections)
      .where(and(eq(sampleSelections.storeId, storeId), inArray(sampleSelections.conversationId, ids.slice(i, i + 90))));
    for (const s of sel) out.set(`${s.date}|${s.conversationId}`, [...(out.get(`${s.date}|${s.conversationId}`) ?? []), s.reason]);
  }
  return out;
}

async function loadReview(db: Db, storeId: string, id: string, scope: ReviewScope) {
  const row = await db.select().from(reviews).where(and(eq(reviews.id, id), eq(reviews.storeId, storeId), scopeFilter(storeId, scope))).get();
  if (!row) throw notFound('Review');
  return row;
}

async function cardOf(db: Db, storeId: string, scorecardId: string | null) {
  const card = scorecardId ? await db.select().from(scorecards).where(and(eq(scorecards.id, scorecardId), eq(scorecards.storeId, storeId))).get() : undefined;
  if (!card) throw new AppError('conflict', 'This review has no scorecard yet: the conversation is still being scored');
  return card;
}

/** The review: conversation with AutoQA evidence, the scorecard version, and items pre-filled from AutoQA. */
export async function getReview(db: Db, archive: R2Bucket, storeId: string, id: string, scope: ReviewScope) {
  const row = await loadReview(db, storeId, id, scope);
  const { row: conversation, agentName, messages, autoQa } = await getConversation(db, archive, storeId, row.conversationId, { agentId: null, team: null } satisfies Visibility);
  const card = await cardOf(db, storeId, row.scorecardId);
  const definition = card.definition;
  const agent = await db.select({ name: agents.name }).from(agents).where(eq(agents.id, row.agentId)).get();
  const reasons = (await reasonsOf(db, storeId, [row])).get(`${row.sampleDate}|${row.conversationId}`) ?? [];
  const auto = new Map((autoQa?.items ?? []).map((i) => [i.itemId, i.outcome]));
  const hits = autoQa?.hits ?? [];
  const submitted = new Map((row.items ?? []).map((i) => [i.itemId, i]));
  const asRead = await colleagueRedactor(db, storeId, scope.agentId);
  const items = allItems(definition).map((item) => {
    const rules = item.auto ? (Array.isArray(item.auto) ? item.auto : [item.auto]) : [];
    const given = submitted.get(item.id);
    const prefill = auto.get(item.id) ?? null;
    return {
      itemId: item.id,
      outcome: given?.outcome ?? prefill,
      points: given?.points ?? null,
      comment: asRead(given?.comment ?? null),
      messageId: given?.messageId ?? null,
      source: given ? ('reviewer' as const) : prefill ? ('auto' as const) : null,
      evidence: hits.filter((h) => rules.includes(h.rule) && h.outcome === 'fail').map((h) => ({ rule: h.rule, messageIds: h.messageIds, spans: h.spans })),
    };
  });
  return {
    ...summary(row, agent?.name ?? null, reasons, autoQa?.score ?? null),
    conversation: { ...conversationSummary(conversation, agentName), messages: messages.map(messageView), autoQa: scope.agentId ? withoutRisk(autoQa) : autoQa },
    scorecard: scorecardView(card),
    items,
    goodExample: row.goodExample,
    comment: asRead(row.comment),
    submittedAt: row.submittedAt ? new Date(row.submittedAt).toISOString() : null,
  };
}

/** Checks a submission against the scorecard version: every item once, points in range, a comment for every deduction. */
export function validateSubmission(card: Scorecard, input: SubmitInput) {
  const items = new Map(allItems(card).map((i) => [i.id, i]));
  const seen = new Set<string>();
  input.items.forEach((given, index) => {
    const item = items.get(given.itemId);
    if (!item) throw new AppError('invalid_request', `Item ${given.itemId} is not in scorecard version`, `items.${index}.itemId`);
    if (seen.has(given.itemId)) throw new AppError('invalid_request', `Item ${given.itemId} is given twice`, `items.${index}.itemId`);
    seen.add(given.itemId);
    if (given.points !== undefined && given.points > item.maxPoints) throw new AppError('invalid_request', `Points must be between 0 and ${item.maxPoints}`, `items.${index}.points`);
    // A failed item cannot keep every point (the score would say pass), and "not applicable" scores nothing.
    if (given.outcome === 'fail' && given.points !== undefined && given.points >= item.maxPoints) {
      throw new AppError('invalid_request', `A failed item must score below ${item.maxPoints}`, `items.${index}.points`);
    }
    if (given.outcome === 'na' && given.points !== undefined) throw new AppError('invalid_request', 'An item that does not apply takes no points', `items.${index}.points`);
    const deduction = given.outcome === 'fail' || (given.outcome === 'pass' && given.points !== undefined && given.points < item.maxPoints);
    if (deduction && !given.comment) throw new AppError('invalid_request', 'A deduction needs a comment saying why', `items.${index}.comment`);
  });
  const missing = [...items.keys()].find((id) => !seen.has(id));
  if (missing) throw new AppError('invalid_request', `Item ${missing} has no outcome`, 'items');
}

/** Checks that every message a finding points at belongs to the reviewed conversation (in D1 or archived). */
async function checkMessageIds(db: Db, archive: R2Bucket, storeId: string, conversationId: string, input: SubmitInput) {
  const wanted = input.items.map((i, index) => ({ id: i.messageId, index })).filter((x): x is { id: string; index: number } => !!x.id);
  if (!wanted.length) return;
  const ref = await db
    .select({ id: conversations.id, storeId: conversations.storeId, connectionId: conversations.connectionId, archivedAt: conversations.archivedAt, hot: conversations.hot })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.storeId, storeId)))
    .get();
  const found = new Set(ref ? (await loadTranscripts(db, archive, [ref])).get(ref.id)!.messages.map((m) => m.id) : []);
  const bad = wanted.find((w) => !found.has(w.id));
  if (bad) throw new AppError('invalid_request', 'The message is not in this conversation', `items.${bad.index}.messageId`);
}

/** Submits a review: scored on its scorecard version, with an audit entry for the score it sets. */
export async function submitReview(db: Db, archive: R2Bucket, storeId: string, id: string, input: SubmitInput, scope: ReviewScope, now: number, actor: Actor) {
  const row = await loadReview(db, storeId, id, scope);
  if (row.status === 'submitted') throw new AppError('conflict', 'This review was already submitted');
  const card = await cardOf(db, storeId, row.scorecardId);
  const definition = card.definition;
  validateSubmission(definition, input);
  await checkMessageIds(db, archive, storeId, row.conversationId, input);
  const score = Math.round(scoreConversation(definition, input.items).score);
  const { passScore } = (await getSettings(db, storeId)).reports;
  // AutoQA's outcome beside the reviewer's, per item, in the same batch: agreement reports read them.
  const agreement = await agreementInserts(db, archive, storeId, row, input.items, now);
  // Conditional on still pending, and the audit entry only if that update wrote: of two simultaneous
  // submissions one writes, the other changes no row and is told so, instead of both answering 200.
  // The loser's agreement rows are no-ops (the winner's, keyed by review and item, are there) and the
  // agent's day rollups are recomputed from the reviews, so they come out the same.
  const d1 = db.$client;
  const submit = db
    .update(reviews)
    .set({ status: 'submitted', items: input.items, score, comment: input.comment ?? null, goodExample: input.goodExample, submittedAt: now })
    .where(and(eq(reviews.id, row.id), eq(reviews.storeId, storeId), eq(reviews.status, 'pending')));
  const [written] = await d1.batch([
    d1Statement(d1, submit),
    auditOnChange(db, storeId, actor, { entityType: 'review', entityId: row.id, action: 'review_submitted', before: { score: null }, after: { score, scorecardId: row.scorecardId }, reason: input.comment ?? null }, now),
    ...agreement.map((q) => d1Statement(d1, q)),
    ...reviewRollupStatements(d1, storeId, row, passScore, await maxPointsOf(db, storeId)),
  ]);
  if (!written?.meta.changes) throw new AppError('conflict', 'This review was already submitted');
  await refreshCalibrationAfter(db, storeId, row);
  return getReview(db, archive, storeId, id, scope);
}

export const progressQuery = z.object({ from: isoDay().optional(), to: isoDay().optional() }).refine(daysInOrder, DAYS_IN_ORDER);

/** Review queue progress per sample date: done and still to do (a QA token: its own queue). */
export async function reviewProgress(db: Db, storeId: string, scope: ReviewScope, from: string, to: string) {
  const rows = await db
    .select({ date: reviews.sampleDate, total: sql<number>`count(*)`, done: sql<number>`sum(case when ${reviews.status} = 'submitted' then 1 else 0 end)` })
    .from(reviews)
    .where(and(eq(reviews.storeId, storeId), scopeFilter(storeId, scope), gte(reviews.sampleDate, from), lte(reviews.sampleDate, to)))
    .groupBy(reviews.sampleDate)
    .orderBy(desc(reviews.sampleDate));
  return { data: rows.map((r) => ({ date: r.date, total: Number(r.total), done: Number(r.done), todo: Number(r.total) - Number(r.done) })) };
}
