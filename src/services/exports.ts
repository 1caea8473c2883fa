import { and, asc, eq, gt, gte, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isoDay, DAYS_IN_ORDER } from '../domain/dates';
import type { Db } from '../db/client';
import { agents, conversations, reviewers, reviews, scorecards, stores } from '../db/schema';
import { UI_LOCALES, type ItemOutcome, type UiLocale } from '../domain/enums';
import { notFound } from '../domain/errors';
import { localDateTime } from '../lib/time';
import type { Scorecard } from '../qa/scorecard';
import { csvStream, type CsvValue } from '../reports/csv';
import { columns, OUTCOME_WORDS, PHASE_WORDS, REVIEW_COLUMNS, TOTAL_WORDS, YES_NO } from '../reports/words';
import { readSettings } from './settings';

/** Reviews read per page: a page of a busy day is ~500 KB of item JSON, and a quarter stays far below D1's 1,000 queries. */
const PAGE = 500;
export const MAX_EXPORT_DAYS = 92;

const dayCount = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

export const reviewsExportQuery = z
  .object({ from: isoDay(), to: isoDay(), lang: z.enum(UI_LOCALES).optional() })
  .refine((q) => q.from <= q.to, DAYS_IN_ORDER)
  .refine((q) => dayCount(q.from, q.to) <= MAX_EXPORT_DAYS, { message: `at most ${MAX_EXPORT_DAYS} days per file`, path: ['to'] });

/** The store's time zone, language and settings: what every export needs first. */
export async function exportContext(db: Db, storeId: string, lang: UiLocale | undefined) {
  const store = await db.select({ timezone: stores.timezone, locale: stores.locale, settings: stores.settings }).from(stores).where(eq(stores.id, storeId)).get();
  if (!store) throw notFound('Store');
  const locale: UiLocale = lang ?? ((UI_LOCALES as readonly string[]).includes(store.locale) ? (store.locale as UiLocale) : 'zh-CN');
  return { timezone: store.timezone, locale, settings: readSettings(store.settings) };
}

export const teamFilter = (storeId: string, team: string | null) =>
  team === null ? undefined : sql`${reviews.agentId} in (select ${agents.id} from ${agents} where ${agents.storeId} = ${storeId} and ${agents.team} = ${team})`;

type SubmittedItem = { itemId: string; outcome: ItemOutcome; points?: number; comment?: string };

/**
 * Reviews of a run of local days, one CSV row per scorecard item of each submitted review (calibration
 * second reviews marked), streamed page by page. A lead's export holds their team's agents only.
 */
export async function reviewsCsv(db: Db, storeId: string, q: z.infer<typeof reviewsExportQuery>, team: string | null) {
  const { timezone, locale, settings } = await exportContext(db, storeId, q.lang);
  const [agentRows, reviewerRows, cardRows] = await db.batch([
    db.select({ id: agents.id, name: agents.name, team: agents.team }).from(agents).where(eq(agents.storeId, storeId)),
    db.select({ id: reviewers.id, name: reviewers.name }).from(reviewers).where(eq(reviewers.storeId, storeId)),
    db.select({ id: scorecards.id, phase: scorecards.phase, version: scorecards.version, definition: scorecards.definition }).from(scorecards).where(eq(scorecards.storeId, storeId)),
  ]);
  const agentOf = new Map(agentRows.map((a) => [a.id, a]));
  const reviewerOf = new Map(reviewerRows.map((r) => [r.id, r.name]));
  const cardOf = new Map(cardRows.map((c) => [c.id, c]));
  const [yes, no] = YES_NO[locale];

  function rowsOf(r: typeof reviews.$inferSelect, externalId: string | null): CsvValue[][] {
    const card = r.scorecardId ? cardOf.get(r.scorecardId) : undefined;
    const agent = agentOf.get(r.agentId);
    const given = new Map(((r.items ?? []) as SubmittedItem[]).map((i) => [i.itemId, i]));
    const head: CsvValue[] = [
      r.sampleDate,
      agent?.name ?? r.agentId,
      agent?.team ?? TOTAL_WORDS[locale].noTeam,
      reviewerOf.get(r.reviewerId) ?? r.reviewerId,
      externalId ?? r.conversationId,
      card ? PHASE_WORDS[locale][card.phase] : '',
      card?.version ?? '',
      r.score,
      r.score === null ? '' : r.score >= settings.reports.passScore ? yes : no,
      r.blind ? yes : no,
    ];
    const tail: CsvValue[] = [r.comment ?? '', r.goodExample ? yes : no, r.submittedAt ? localDateTime(r.submittedAt, timezone) : '', r.id];
    const layout = card ? (card.definition as Scorecard).categories.flatMap((c) => c.items.map((item) => ({ item, category: c }))) : [];
    const out: CsvValue[][] = [];
    for (const { item, category } of layout) {
      const g = given.get(item.id);
      if (!g) continue;
      given.delete(item.id);
      const points = g.points ?? (g.outcome === 'pass' ? item.maxPoints : g.outcome === 'fail' ? 0 : null);
      out.push([...head, category.name[locale], item.name[locale], OUTCOME_WORDS[locale][g.outcome], points, item.maxPoints, g.comment ?? '', ...tail]);
    }
    // Items the version does not know (should not happen): kept, under their id, rather than dropped.
    for (const g of given.values()) out.push([...head, '', g.itemId, OUTCOME_WORDS[locale][g.outcome] ?? g.outcome, g.points ?? null, null, g.comment ?? '', ...tail]);
    return out;
  }

  async function* pages(): AsyncGenerator<CsvValue[][]> {
    let after: { date: string; id: string } | null = null;
    for (;;) {
      const page: { r: typeof reviews.$inferSelect; externalId: string | null }[] = await db
        .select({ r: reviews, externalId: conversations.externalId })
        .from(reviews)
        .leftJoin(conversations, eq(conversations.id, reviews.conversationId))
        .where(
          and(
            eq(reviews.storeId, storeId),
            gte(reviews.sampleDate, after?.date ?? q.from),
            lte(reviews.sampleDate, q.to),
            after ? or(gt(reviews.sampleDate, after.date), gt(reviews.id, after.id)) : undefined,
            eq(reviews.status, 'submitted'),
            teamFilter(storeId, team),
          ),
        )
        .orderBy(asc(reviews.sampleDate), asc(reviews.id))
        .limit(PAGE);
      if (!page.length) return;
      yield page.flatMap((p) => rowsOf(p.r, p.externalId));
      if (page.length < PAGE) return;
      const last = page.at(-1)!.r;
      after = { date: last.sampleDate, id: last.id };
    }
  }

  return { stream: csvStream(columns(locale, REVIEW_COLUMNS), pages()), filename: `shopqa-reviews-${q.from}-${q.to}.csv` };
}
