import { and, desc, eq, gte, lt, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isoDay, isRealDay, DAYS_IN_ORDER } from '../domain/dates';
import type { Db } from '../db/client';
import { autoQaAgreements, scorecards } from '../db/schema';
import { transcriptsOf } from '../archive/transcripts';
import { addDays, localMidnight } from '../lib/time';
import { agreementByItem, agreementPairs, type Override } from '../qa/agreement';
import { allItems, type Scorecard } from '../qa/scorecard';
import type { AutoQaResult, Outcome } from '../qa/types';
import { readSettings } from './settings';
import { requireStore } from './stores';

/** Columns per agreement row: chunks stay under D1's 100 bound parameters per statement. */
const ROWS_PER_INSERT = Math.floor(100 / 7);
/** How many overrides a report reads at most (newest first), and shows per item. */
const OVERRIDES_READ = 1000;
const OVERRIDES_PER_ITEM = 20;

/**
 * The statements that record, for a submission, AutoQA's outcome beside the reviewer's for every item
 * AutoQA judged; run in the submission's batch. The key (review, item) makes a second write a no-op.
 */
export async function agreementInserts(db: Db, archive: R2Bucket, storeId: string, review: { id: string; conversationId: string }, given: { itemId: string; outcome: Outcome }[], now: number) {
  // The whole AutoQA result is in the archive, with the transcript, since the conversation was scored.
  const auto = (await transcriptsOf(db, archive, storeId, [review.conversationId], { autoQa: true })).get(review.conversationId)?.autoQa;
  const pairs = agreementPairs((auto as AutoQaResult | null | undefined)?.items ?? [], given);
  const rows = pairs.map((p) => ({ storeId, reviewId: review.id, itemId: p.itemId, conversationId: review.conversationId, autoOutcome: p.auto, reviewerOutcome: p.reviewer, submittedAt: now }));
  const statements = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) statements.push(db.insert(autoQaAgreements).values(rows.slice(i, i + ROWS_PER_INSERT)).onConflictDoNothing());
  return statements;
}

export const agreementQuery = z
  .object({ from: isoDay(), to: isoDay() })
  .refine((q) => q.from <= q.to, DAYS_IN_ORDER)
  // Refinements run even when a field failed: only real days reach addDays (a throw here was a 500).
  .refine((q) => !isRealDay(q.from) || q.to <= addDays(q.from, 366), { message: 'The period may span at most 366 days', path: ['to'] });

/** The items AutoQA may judge, in the active scorecards' order (pre-sales, then after-sales), each once. */
function autoItemsOf(cards: Scorecard[]) {
  const seen = new Set<string>();
  const out: { id: string; name: { 'zh-CN': string; en: string } }[] = [];
  for (const card of cards) {
    for (const item of allItems(card)) {
      if (!item.auto || seen.has(item.id)) continue;
      seen.add(item.id);
      out.push({ id: item.id, name: item.name });
    }
  }
  return out;
}

/**
 * GET /v1/reports/autoqa-agreement: per item, over reviews submitted between two of the store's local
 * dates (both included), how often the reviewer kept AutoQA's outcome, and the overrides with their
 * conversations. Five queries whatever the period.
 */
export async function autoQaAgreement(db: Db, storeId: string, q: z.infer<typeof agreementQuery>) {
  const store = await requireStore(db, storeId);
  const start = localMidnight(q.from, store.timezone);
  const end = localMidnight(addDays(q.to, 1), store.timezone);
  const inPeriod = and(eq(autoQaAgreements.storeId, storeId), gte(autoQaAgreements.submittedAt, start), lt(autoQaAgreements.submittedAt, end));
  const cards = await db
    .select({ definition: scorecards.definition })
    .from(scorecards)
    .where(and(eq(scorecards.storeId, storeId), eq(scorecards.active, true)))
    .orderBy(desc(scorecards.phase));
  const counts = await db
    .select({
      itemId: autoQaAgreements.itemId,
      judged: sql<number>`count(*)`,
      kept: sql<number>`sum(case when ${autoQaAgreements.autoOutcome} = ${autoQaAgreements.reviewerOutcome} then 1 else 0 end)`,
    })
    .from(autoQaAgreements)
    .where(inPeriod)
    .groupBy(autoQaAgreements.itemId);
  const overrides = await db
    .select({
      itemId: autoQaAgreements.itemId,
      conversationId: autoQaAgreements.conversationId,
      reviewId: autoQaAgreements.reviewId,
      auto: autoQaAgreements.autoOutcome,
      reviewer: autoQaAgreements.reviewerOutcome,
      submittedAt: autoQaAgreements.submittedAt,
    })
    .from(autoQaAgreements)
    .where(and(inPeriod, ne(autoQaAgreements.autoOutcome, autoQaAgreements.reviewerOutcome)))
    .orderBy(desc(autoQaAgreements.submittedAt))
    .limit(OVERRIDES_READ);
  const reviewed = await db
    .select({ n: sql<number>`count(distinct ${autoQaAgreements.reviewId})` })
    .from(autoQaAgreements)
    .where(inPeriod)
    .get();
  const items = agreementByItem(
    autoItemsOf(cards.map((c) => c.definition as Scorecard)),
    counts.map((c) => ({ itemId: c.itemId, judged: Number(c.judged), kept: Number(c.kept) })),
    overrides as Override[],
    readSettings(store.settings).autoQaManualItems,
    OVERRIDES_PER_ITEM,
  );
  return {
    from: q.from,
    to: q.to,
    reviews: Number(reviewed?.n ?? 0),
    items: items.map((i) => ({ ...i, overrides: i.overrides.map((o) => ({ ...o, submittedAt: new Date(o.submittedAt).toISOString() })) })),
  };
}
