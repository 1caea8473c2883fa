import { and, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import { z } from 'zod';
import { DAYS_IN_ORDER, daysInOrder, isoDay } from '../domain/dates';
import { itemsToWorkOn, rescoredCard } from '../coaching/card';
import type { CardContent } from '../coaching/types';
import { disputeOutcomeText } from '../coaching/wording';
import type { Db } from '../db/client';
import { coachingCards, disputes, reviews } from '../db/schema';
import { CARD_STATUSES } from '../domain/enums';
import { AppError, notFound } from '../domain/errors';
import { addDays, localDate, localDateTime } from '../lib/time';
import { colleagueRedactor, inChunks, visibleAgent, visibleAgents, type CoachingScope, type Redactor } from './coaching-scope';
import { noCardsFor } from './no-card';

type CardRow = typeof coachingCards.$inferSelect;
type DisputeRow = typeof disputes.$inferSelect;

export const cardListQuery = z
  .object({
    date: isoDay().optional(),
    from: isoDay().optional(),
    to: isoDay().optional(),
    agentId: z.string().min(1).max(200).optional(),
    status: z.enum(CARD_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine(daysInOrder, DAYS_IN_ORDER)
  // One day, or a run of days: both at once would leave one of them silently unused.
  .refine((q) => q.date === undefined || (q.from === undefined && q.to === undefined), { message: 'give date, or from and to, not both', path: ['date'] });

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `asRead`: how the lead's reply reads to the caller (`colleagueRedactor`). */
export function disputeSummary(d: DisputeRow, asRead: Redactor) {
  const reply = asRead(d.reply);
  return { id: d.id, status: d.status, reason: d.reason, reply, openedAt: iso(d.openedAt)!, resolvedAt: iso(d.resolvedAt), scoreBefore: d.scoreBefore, scoreAfter: d.scoreAfter, outcomeText: disputeOutcomeText(d.status, d.scoreBefore, d.scoreAfter, reply) };
}

/**
 * A card as the API shows it: the stored content with each improvement's dispute laid over it, and the
 * moment it was acknowledged also as the store's wall clock (`timezone`), so that the widget shows it
 * without an Intl formatter: Chromium's first one on a page costs 15–40 ms of ICU start-up.
 */
export function cardView(row: CardRow, agentName: string, disputeRows: DisputeRow[], scope: CoachingScope, asRead: Redactor, timezone: string) {
  const content = row.content as CardContent;
  const byKey = new Map(disputeRows.map((d) => [`${d.reviewId}:${d.itemId}`, d]));
  const mine = scope.agentId !== null && scope.agentId === row.agentId;
  return {
    id: row.id,
    agentId: row.agentId,
    agentName,
    date: row.date,
    status: row.status,
    generatedAt: iso(row.generatedAt)!,
    acknowledgedAt: iso(row.acknowledgedAt),
    acknowledgedAtLocal: row.acknowledgedAt === null ? null : localDateTime(row.acknowledgedAt, timezone),
    summary: content.summary,
    praise: content.praise,
    improvements: content.improvements.map((i) => {
      const d = byKey.get(i.key);
      return { ...i, dispute: d ? disputeSummary(d, asRead) : null, disputable: mine && !d };
    }),
    allPraise: content.allPraise,
    close: content.close,
  };
}

function summaryView(row: CardRow, agentName: string, open: number) {
  const content = row.content as CardContent;
  return { id: row.id, agentId: row.agentId, agentName, date: row.date, status: row.status, generatedAt: iso(row.generatedAt)!, acknowledgedAt: iso(row.acknowledgedAt), reviews: row.reviewCount, averageScore: row.averageScore, improvements: content.improvements.length, openDisputes: open, allPraise: content.allPraise };
}

async function disputesOf(db: Db, storeId: string, cards: CardRow[]) {
  if (!cards.length) return [];
  return inChunks(
    cards.map((c) => c.agentId),
    (chunk) =>
      db
        .select()
        .from(disputes)
        .where(and(eq(disputes.storeId, storeId), inArray(disputes.agentId, chunk), gte(disputes.date, cards.map((c) => c.date).sort()[0]!))),
  );
}

/** Cards the scope may see, newest first; with `date`, also the agents in scope without a card and why. */
export async function listCards(db: Db, storeId: string, scope: CoachingScope, q: z.infer<typeof cardListQuery>) {
  const visible = await visibleAgents(db, storeId, scope, q.agentId);
  const ids = visible.map((a) => a.id);
  const nameOf = new Map(visible.map((a) => [a.id, a.name]));
  const rows = await inChunks(ids, (chunk) =>
    db
      .select()
      .from(coachingCards)
      .where(
        and(
          eq(coachingCards.storeId, storeId),
          inArray(coachingCards.agentId, chunk),
          q.date ? eq(coachingCards.date, q.date) : undefined,
          q.from ? gte(coachingCards.date, q.from) : undefined,
          q.to ? lte(coachingCards.date, q.to) : undefined,
          q.status ? eq(coachingCards.status, q.status) : undefined,
        ),
      )
      .orderBy(desc(coachingCards.date))
      .limit(q.limit),
  );
  const page = rows.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : (nameOf.get(a.agentId) ?? '').localeCompare(nameOf.get(b.agentId) ?? ''))).slice(0, q.limit);
  const open = (await disputesOf(db, storeId, page)).filter((d) => d.status === 'open');
  const data = page.map((r) => summaryView(r, nameOf.get(r.agentId) ?? '', open.filter((d) => d.agentId === r.agentId && d.date === r.date).length));
  const missing = q.date ? await noCardsFor(db, storeId, q.date, visible.filter((a) => a.active && !page.some((r) => r.agentId === a.id))) : [];
  return { data, missing };
}

async function loadCard(db: Db, storeId: string, scope: CoachingScope, id: string) {
  const row = await db.select().from(coachingCards).where(and(eq(coachingCards.id, id), eq(coachingCards.storeId, storeId))).get();
  if (!row) throw notFound('Card');
  // Another agent's or another team's card is not found, exactly like a missing one.
  const agent = await visibleAgent(db, storeId, scope, row.agentId).catch(() => null);
  if (!agent) throw notFound('Card');
  return { row, agent };
}

async function fullCard(db: Db, storeId: string, scope: CoachingScope, row: CardRow, agentName: string, timezone: string) {
  const rows = await db.select().from(disputes).where(and(eq(disputes.storeId, storeId), eq(disputes.agentId, row.agentId), eq(disputes.date, row.date)));
  // Only a lead's reply to a dispute can name a colleague: without one, the roster is not read.
  const asRead = await colleagueRedactor(db, storeId, rows.some((d) => d.reply !== null) ? scope.agentId : null);
  return cardView(row, agentName, rows, scope, asRead, timezone);
}

export async function getCard(db: Db, storeId: string, scope: CoachingScope, id: string, timezone: string) {
  const { row, agent } = await loadCard(db, storeId, scope, id);
  return fullCard(db, storeId, scope, row, agent.name, timezone);
}

/** The agent's newest card; without one, the store's yesterday and why there is no card for it. */
export async function latestCard(db: Db, storeId: string, scope: CoachingScope, agentId: string | null, timezone: string, now: number) {
  const id = scope.agentId ?? agentId;
  if (!id) throw new AppError('invalid_request', 'agentId is required', 'agentId');
  const agent = await visibleAgent(db, storeId, scope, id);
  const row = await db.select().from(coachingCards).where(and(eq(coachingCards.storeId, storeId), eq(coachingCards.agentId, agent.id))).orderBy(desc(coachingCards.date)).limit(1).get();
  const yesterday = addDays(localDate(now, timezone), -1);
  if (row) return { card: await fullCard(db, storeId, scope, row, agent.name, timezone), date: row.date, reason: null, reasonText: null };
  const [none] = await noCardsFor(db, storeId, yesterday, [agent]);
  return { card: null, date: yesterday, reason: none?.reason ?? 'not_active', reasonText: none?.reasonText ?? null };
}

/** The agent closes the loop on their own card; repeating it changes nothing. */
export async function acknowledgeCard(db: Db, storeId: string, scope: CoachingScope, id: string, timezone: string, now: number) {
  const { row, agent } = await loadCard(db, storeId, scope, id);
  if (scope.agentId !== row.agentId) throw new AppError('forbidden', 'Only the agent the card is for can acknowledge it');
  await db
    .update(coachingCards)
    .set({ status: 'acknowledged', acknowledgedAt: now })
    .where(and(eq(coachingCards.id, row.id), eq(coachingCards.storeId, storeId), eq(coachingCards.status, 'generated')));
  const fresh = await db.select().from(coachingCards).where(eq(coachingCards.id, row.id)).get();
  return fullCard(db, storeId, scope, fresh!, agent.name, timezone);
}

/**
 * After a dispute on this agent's day is accepted: the card's average, trend and close follow the re-scored
 * review, acknowledged or not (the agent asked for it; the job never rewrites an acknowledged card). The
 * scores are those of the reviews the card was built from: submitted by the time of its last one.
 */
export async function reflectAcceptedDispute(db: Db, storeId: string, agentId: string, date: string) {
  const mine = and(eq(coachingCards.storeId, storeId), eq(coachingCards.agentId, agentId), eq(coachingCards.date, date));
  const row = await db.select().from(coachingCards).where(mine).get();
  if (!row) return;
  const day = await db
    .select({ score: reviews.score, submittedAt: reviews.submittedAt })
    .from(reviews)
    .where(and(eq(reviews.storeId, storeId), eq(reviews.agentId, agentId), eq(reviews.sampleDate, date), eq(reviews.status, 'submitted'), eq(reviews.blind, false)));
  const scores = day.filter((r) => r.score !== null && (r.submittedAt ?? 0) <= row.lastSubmittedAt).map((r) => r.score!);
  const accepted = await db
    .select({ reviewId: disputes.reviewId, itemId: disputes.itemId })
    .from(disputes)
    .where(and(eq(disputes.storeId, storeId), eq(disputes.agentId, agentId), eq(disputes.date, date), eq(disputes.status, 'accepted')));
  const gone = new Set(accepted.map((d) => `${d.reviewId}:${d.itemId}`));
  const content = rescoredCard(row.content, scores, itemsToWorkOn(row.content.improvements.filter((i) => !gone.has(i.key))));
  await db.update(coachingCards).set({ content, averageScore: content.summary.averageScore }).where(and(mine, eq(coachingCards.id, row.id)));
}
