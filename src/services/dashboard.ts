import { and, between, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { isoDay } from '../domain/dates';
import type { Db } from '../db/client';
import { agentPeriodStats, agents, calibrationDayStats, itemPeriodStats, reviewers, stores } from '../db/schema';
import { PERIOD_KINDS } from '../domain/enums';
import { notFound } from '../domain/errors';
import { addDays, localDate } from '../lib/time';
import { addSums, calibrationFigures, effectiveness, figuresOf, heatMap, serviceStars, topFailedItems, trendOf, type AgentSums, type EffectSums } from '../reports/figures';
import { comparablePrevious, daysWithFigures, figuresThrough, periodOf, previousPeriod, type Period } from '../reports/periods';
import { itemNames, type ItemWords } from './item-names';
import { readSettings } from './settings';

export const dashboardQuery = z.object({
  period: z.enum(PERIOD_KINDS).default('month'),
  /** Any local date inside the period; the store's yesterday when absent. */
  date: isoDay().optional(),
  /** Narrows a manager's view to one team; a lead's token is always held to its own. */
  team: z.string().trim().min(1).max(100).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

const sum = (column: AnySQLiteColumn) => sql<number>`sum(${column})`.mapWith(Number);
/** A day's sums over agents, for the series. */
const SUMS = {
  reviewed: sum(agentPeriodStats.reviewed),
  scoreSum: sum(agentPeriodStats.scoreSum),
  passed: sum(agentPeriodStats.passed),
  activeDays: sum(agentPeriodStats.activeDays),
  atQuotaDays: sum(agentPeriodStats.atQuotaDays),
  repeatChecks: sum(agentPeriodStats.repeatChecks),
  repeats: sum(agentPeriodStats.repeats),
  disputesOpened: sum(agentPeriodStats.disputesOpened),
  disputesAccepted: sum(agentPeriodStats.disputesAccepted),
};

const wordsOf = (w: ItemWords | undefined) => (w ? { 'zh-CN': w['zh-CN'], en: w.en } : null);

/** Held to one team: the agents whose roster team it is. */
const inTeam = (column: AnySQLiteColumn, storeId: string, team: string | null): SQL | undefined =>
  team === null ? undefined : sql`${column} in (select ${agents.id} from ${agents} where ${agents.storeId} = ${storeId} and ${agents.team} = ${team})`;

/**
 * The dashboard of a day, week or month against the one before: every figure read from the rollups by
 * their key (store, period kind, period), so a month costs the same handful of indexed reads as a day.
 * A period still under way (this month, to yesterday) is compared with as many days of the one before,
 * summed from their day rows: a month's first day against all of last month would read as a collapse.
 */
export async function getDashboard(db: Db, storeId: string, q: DashboardQuery, scopeTeam: string | null, now: number) {
  const store = await db.select({ timezone: stores.timezone, settings: stores.settings }).from(stores).where(eq(stores.id, storeId)).get();
  if (!store) throw notFound('Store');
  const settings = readSettings(store.settings);
  const yesterday = addDays(localDate(now, store.timezone), -1);
  const period = periodOf(q.period, q.date ?? yesterday);
  const previous = comparablePrevious(period, yesterday);
  // The period before as a whole is one rollup row per agent (and item); cut short, it is the sum of its day rows.
  const whole = previous.to === previousPeriod(period).to;
  const previousRows = (t: typeof agentPeriodStats | typeof itemPeriodStats) =>
    whole ? and(eq(t.periodKind, period.kind), eq(t.period, previous.key)) : and(eq(t.periodKind, 'day'), between(t.period, previous.from, previous.to));
  const team = scopeTeam ?? q.team ?? null;
  const seriesFrom = period.kind === 'day' ? addDays(period.from, -13) : period.from;

  const itemSums = { itemId: itemPeriodStats.itemId, applicable: sql<number>`sum(${itemPeriodStats.applicable})`, failed: sql<number>`sum(${itemPeriodStats.failed})` };
  const [roster, current, previousStats, itemTotals, previousItems, series, calibration, reviewerRows] = await db.batch([
    db.select({ id: agents.id, name: agents.name, team: agents.team }).from(agents).where(and(eq(agents.storeId, storeId), team === null ? undefined : eq(agents.team, team))),
    db
      .select()
      .from(agentPeriodStats)
      .where(and(eq(agentPeriodStats.storeId, storeId), eq(agentPeriodStats.periodKind, period.kind), eq(agentPeriodStats.period, period.key), inTeam(agentPeriodStats.agentId, storeId, team))),
    db
      .select({ agentId: agentPeriodStats.agentId, ...SUMS })
      .from(agentPeriodStats)
      .where(and(eq(agentPeriodStats.storeId, storeId), previousRows(agentPeriodStats), inTeam(agentPeriodStats.agentId, storeId, team)))
      .groupBy(agentPeriodStats.agentId),
    db
      .select(itemSums)
      .from(itemPeriodStats)
      .where(and(eq(itemPeriodStats.storeId, storeId), eq(itemPeriodStats.periodKind, period.kind), eq(itemPeriodStats.period, period.key), inTeam(itemPeriodStats.agentId, storeId, team)))
      .groupBy(itemPeriodStats.itemId),
    db
      .select(itemSums)
      .from(itemPeriodStats)
      .where(and(eq(itemPeriodStats.storeId, storeId), previousRows(itemPeriodStats), inTeam(itemPeriodStats.agentId, storeId, team)))
      .groupBy(itemPeriodStats.itemId),
    db
      .select({ date: agentPeriodStats.period, ...SUMS })
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

  const before = new Map(previousStats.map((s) => [s.agentId, s]));
  const top = topFailedItems(itemTotals, previousItems);
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
  const through = figuresThrough(period, yesterday);
  // Stars of a period under way are held to the bar of the days so far (on 1 December, not a month's 10).
  const stars = serviceStars(agentRows.map((a) => ({ agentId: a.agentId, reviewed: a.figures.reviewed, averageScore: a.figures.averageScore })), settings.coaching.starsMinReviews, daysWithFigures(period, yesterday), settings.coaching.starsCount);
  const effect = effectiveness(await effectSums(db, storeId, period, team));
  const reviewerName = new Map(reviewerRows.map((r) => [r.id, r.name]));
  const agreement = calibrationFigures(calibration);
  const map = heatMap(cells, top.map((t) => t.itemId));

  return {
    period,
    through,
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
    coachingEffectiveness: { window: EFFECT_WINDOW_DAYS, ...effect, items: effect.items.map((i) => ({ ...i, name: wordsOf(names.get(i.itemId)) })) },
    itemNames: Object.fromEntries(map.items.map((id) => [id, wordsOf(names.get(id))])),
  };
}

/** Days either side of a card that coaching effectiveness compares (the coaching report's default). */
export const EFFECT_WINDOW_DAYS = 30;

/**
 * For each agent's first card of the period with feedback on an item, that item's checks and failures in
 * the agent's day rollups of the window before the card and of the window after: per item, in one query
 * that walks the (agent, item, day) index, never the reviews.
 */
export async function effectSums(db: Db, storeId: string, period: Period, team: string | null): Promise<EffectSums[]> {
  const w = `${EFFECT_WINDOW_DAYS} days`;
  const teamOnly = team === null ? sql`` : sql` and c.agent_id in (select id from agents where store_id = ${storeId} and team = ${team})`;
  const window = (which: 'applicable' | 'failed', before: boolean) =>
    before
      ? sql`(select coalesce(sum(s.${sql.raw(which)}), 0) from item_period_stats s where s.store_id = ${storeId} and s.period_kind = 'day' and s.agent_id = f.agent_id and s.item_id = f.item_id and s.period between date(f.card_date, ${`-${w}`}) and f.card_date)`
      : sql`(select coalesce(sum(s.${sql.raw(which)}), 0) from item_period_stats s where s.store_id = ${storeId} and s.period_kind = 'day' and s.agent_id = f.agent_id and s.item_id = f.item_id and s.period > f.card_date and s.period <= date(f.card_date, ${`+${w}`}))`;
  const rows = await db.all<{ itemId: string; agents: number; beforeChecks: number; beforeFailures: number; afterChecks: number; afterFailures: number }>(sql`
    with f as (
      select c.agent_id as agent_id, i.value as item_id, min(c.date) as card_date
      from coaching_cards c, json_each(c.feedback_items) i
      where c.store_id = ${storeId} and c.date between ${period.from} and ${period.to}${teamOnly}
      group by c.agent_id, i.value
    )
    select item_id as itemId, count(*) as agents, sum(${window('applicable', true)}) as beforeChecks, sum(${window('failed', true)}) as beforeFailures,
      sum(${window('applicable', false)}) as afterChecks, sum(${window('failed', false)}) as afterFailures
    from f group by item_id`);
  return rows.map((r) => ({ itemId: r.itemId, agents: Number(r.agents), beforeChecks: Number(r.beforeChecks), beforeFailures: Number(r.beforeFailures), afterChecks: Number(r.afterChecks), afterFailures: Number(r.afterFailures) }));
}
