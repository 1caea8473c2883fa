import { and, between, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import type { Db } from '../db/client';
import { agentPeriodStats, agents, calibrationDayStats, itemPeriodStats, reviewers, stores } from '../db/schema';
import { PERIOD_KINDS } from '../domain/enums';
import { notFound } from '../domain/errors';
import { addDays, localDate } from '../lib/time';
import { addSums, calibrationFigures, figuresOf, heatMap, serviceStars, topFailedItems, trendOf, type AgentSums } from '../reports/figures';
import { periodDays, periodOf, previousPeriod } from '../reports/periods';
import { itemNames, type ItemWords } from './item-names';
import { readSettings } from './settings';

export const dashboardQuery = z.object({
  period: z.enum(PERIOD_KINDS).default('month'),
  /** Any local date inside the period; the store's yesterday when absent. */
  date: z.iso.date().optional(),
  /** Narrows a manager's view to one team; a lead's token is always held to its own. */
  team: z.string().trim().min(1).max(100).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** Until the coaching loop records disputes, feedback and follow-up, these figures have no source. */
export const COACHING_UNAVAILABLE = {
  available: false,
  reason: 'Disputes, repeat errors and coaching effectiveness come from the coaching loop, which records nothing yet.',
  disputesOpened: null,
  disputesAccepted: null,
  repeatErrorRate: null,
  coachingEffectiveness: null,
} as const;

const wordsOf = (w: ItemWords | undefined) => (w ? { 'zh-CN': w['zh-CN'], en: w.en } : null);

/**
 * Service stars use the coaching settings' bar (docs/coaching-api.md: `starsMinReviews`, default 10, and
 * `starsCount`, default 5), read from the stored JSON until those settings have their schema here.
 */
function starsRule(raw: unknown): { minReviews: number; count: number } {
  const coaching = (raw as { coaching?: { starsMinReviews?: unknown; starsCount?: unknown } } | null)?.coaching;
  const int = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback);
  return { minReviews: int(coaching?.starsMinReviews, 10), count: int(coaching?.starsCount, 5) };
}

/** Held to one team: the agents whose roster team it is. */
const inTeam = (column: AnySQLiteColumn, storeId: string, team: string | null): SQL | undefined =>
  team === null ? undefined : sql`${column} in (select ${agents.id} from ${agents} where ${agents.storeId} = ${storeId} and ${agents.team} = ${team})`;

/**
 * The dashboard of a day, week or month against the one before: every figure read from the rollups by
 * their key (store, period kind, period), so a month costs the same handful of indexed reads as a day.
 */
export async function getDashboard(db: Db, storeId: string, q: DashboardQuery, scopeTeam: string | null, now: number) {
  const store = await db.select({ timezone: stores.timezone, settings: stores.settings }).from(stores).where(eq(stores.id, storeId)).get();
  if (!store) throw notFound('Store');
  const settings = readSettings(store.settings);
  const period = periodOf(q.period, q.date ?? addDays(localDate(now, store.timezone), -1));
  const previous = previousPeriod(period);
  const team = scopeTeam ?? q.team ?? null;
  const keys = [period.key, previous.key];
  const seriesFrom = period.kind === 'day' ? addDays(period.from, -13) : period.from;

  const [roster, stats, itemTotals, series, calibration, reviewerRows] = await db.batch([
    db.select({ id: agents.id, name: agents.name, team: agents.team }).from(agents).where(and(eq(agents.storeId, storeId), team === null ? undefined : eq(agents.team, team))),
    db
      .select()
      .from(agentPeriodStats)
      .where(and(eq(agentPeriodStats.storeId, storeId), eq(agentPeriodStats.periodKind, period.kind), inArray(agentPeriodStats.period, keys), inTeam(agentPeriodStats.agentId, storeId, team))),
    db
      .select({ period: itemPeriodStats.period, itemId: itemPeriodStats.itemId, applicable: sql<number>`sum(${itemPeriodStats.applicable})`, failed: sql<number>`sum(${itemPeriodStats.failed})` })
      .from(itemPeriodStats)
      .where(and(eq(itemPeriodStats.storeId, storeId), eq(itemPeriodStats.periodKind, period.kind), inArray(itemPeriodStats.period, keys), inTeam(itemPeriodStats.agentId, storeId, team)))
      .groupBy(itemPeriodStats.period, itemPeriodStats.itemId),
    db
      .select({ date: agentPeriodStats.period, reviewed: sql<number>`sum(${agentPeriodStats.reviewed})`, scoreSum: sql<number>`sum(${agentPeriodStats.scoreSum})`, passed: sql<number>`sum(${agentPeriodStats.passed})`, activeDays: sql<number>`sum(${agentPeriodStats.activeDays})`, atQuotaDays: sql<number>`sum(${agentPeriodStats.atQuotaDays})` })
      .from(agentPeriodStats)
      .where(and(eq(agentPeriodStats.storeId, storeId), eq(agentPeriodStats.periodKind, 'day'), between(agentPeriodStats.period, seriesFrom, period.to), inTeam(agentPeriodStats.agentId, storeId, team)))
      .groupBy(agentPeriodStats.period)
      .orderBy(agentPeriodStats.period),
    db
      .select({ reviewerId: calibrationDayStats.reviewerId, pairs: sql<number>`sum(${calibrationDayStats.pairs})`, scoreDiffSum: sql<number>`sum(${calibrationDayStats.scoreDiffSum})`, itemsSame: sql<number>`sum(${calibrationDayStats.itemsSame})`, itemsTotal: sql<number>`sum(${calibrationDayStats.itemsTotal})` })
      .from(calibrationDayStats)
      .where(and(eq(calibrationDayStats.storeId, storeId), between(calibrationDayStats.date, period.from, period.to), inTeam(calibrationDayStats.agentId, storeId, team)))
      .groupBy(calibrationDayStats.reviewerId),
    db.select({ id: reviewers.id, name: reviewers.name }).from(reviewers).where(eq(reviewers.storeId, storeId)),
  ]);

  const current = stats.filter((s) => s.period === period.key);
  const before = new Map(stats.filter((s) => s.period === previous.key).map((s) => [s.agentId, s]));
  const top = topFailedItems(itemTotals.filter((i) => i.period === period.key), itemTotals.filter((i) => i.period === previous.key));
  const cells = top.length
    ? await db
        .select({ agentId: itemPeriodStats.agentId, itemId: itemPeriodStats.itemId, applicable: itemPeriodStats.applicable, failed: itemPeriodStats.failed })
        .from(itemPeriodStats)
        .where(and(eq(itemPeriodStats.storeId, storeId), eq(itemPeriodStats.periodKind, period.kind), eq(itemPeriodStats.period, period.key), inArray(itemPeriodStats.itemId, top.map((t) => t.itemId)), sql`${itemPeriodStats.failed} > 0`, inTeam(itemPeriodStats.agentId, storeId, team)))
    : [];
  const names = await itemNames(db, storeId);

  const who = new Map(roster.map((a) => [a.id, a]));
  const ids = [...new Set([...current.map((s) => s.agentId), ...before.keys()])].filter((id) => team === null || who.has(id));
  const sumsOf = (rows: (AgentSums | undefined)[]) => addSums(rows.filter((r): r is AgentSums => r !== undefined));
  const currentOf = new Map(current.map((s) => [s.agentId, s]));
  const row = (agentIds: string[]) => {
    const figures = figuresOf(sumsOf(agentIds.map((id) => currentOf.get(id))));
    return { figures, trend: trendOf(figures, figuresOf(sumsOf(agentIds.map((id) => before.get(id))))) };
  };
  const agentRows = ids
    .map((id) => ({ agentId: id, name: who.get(id)?.name ?? id, team: who.get(id)?.team ?? null, ...row([id]) }))
    .sort((a, b) => (a.team ?? '').localeCompare(b.team ?? '') || a.name.localeCompare(b.name) || (a.agentId < b.agentId ? -1 : 1));
  const teamNames = [...new Set(agentRows.map((a) => a.team))];
  const teams = teamNames.map((t) => ({ team: t, ...row(agentRows.filter((a) => a.team === t).map((a) => a.agentId)) }));
  const rule = starsRule(store.settings);
  const stars = serviceStars(agentRows.map((a) => ({ agentId: a.agentId, reviewed: a.figures.reviewed, averageScore: a.figures.averageScore })), rule.minReviews, periodDays(period), rule.count);
  const reviewerName = new Map(reviewerRows.map((r) => [r.id, r.name]));
  const agreement = calibrationFigures(calibration);
  const map = heatMap(cells, top.map((t) => t.itemId));

  return {
    period,
    previous,
    team,
    passScore: settings.reports.passScore,
    totals: row(ids),
    teams,
    agents: agentRows,
    series: series.map((s) => ({ date: s.date, ...figuresOf(s) })),
    topFailedItems: top.map((t) => ({ ...t, name: wordsOf(names.get(t.itemId)) })),
    heatMap: map,
    calibration: { ...agreement, reviewers: agreement.reviewers.map((r) => ({ ...r, name: reviewerName.get(r.reviewerId) ?? r.reviewerId })) },
    serviceStars: { minReviews: stars.minReviews, stars: stars.stars.map((s) => ({ ...s, name: who.get(s.agentId)?.name ?? s.agentId })) },
    coaching: COACHING_UNAVAILABLE,
    itemNames: Object.fromEntries(map.items.map((id) => [id, wordsOf(names.get(id))])),
  };
}
