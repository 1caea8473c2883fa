import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { agentPeriodStats, agents, itemPeriodStats } from '../db/schema';
import { UI_LOCALES } from '../domain/enums';
import { csvStream, type CsvValue } from '../reports/csv';
import { addSums, effectiveness, EMPTY_SUMS, figuresOf, trendOf, type AgentSums } from '../reports/figures';
import { periodOf, previousPeriod } from '../reports/periods';
import { columns, MONTHLY_COLUMNS, TOTAL_WORDS } from '../reports/words';
import { effectSums } from './dashboard';
import { exportContext } from './exports';
import { itemNames } from './item-names';

export const monthlyExportQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM'), lang: z.enum(UI_LOCALES).optional() });

/** Agents per page: one inArray of at most 90 ids keeps each read under D1's 100 bound parameters. */
const PAGE = 90;
const percent = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
type Sums = Omit<AgentSums, 'agentId'>;

/**
 * The monthly report: one row per agent (team, reviews, average, pass rate, coverage, trend against the
 * month before, the items they failed most, disputes, repeat errors), then a row per team and one for the
 * store (with coaching effectiveness), read from the month rollups a page of agents at a time.
 */
export async function monthlyCsv(db: Db, storeId: string, q: z.infer<typeof monthlyExportQuery>, team: string | null) {
  const { locale } = await exportContext(db, storeId, q.lang);
  const month = periodOf('month', `${q.month}-01`);
  const previous = previousPeriod(month);
  const roster = await db
    .select({ id: agents.id, name: agents.name, team: agents.team })
    .from(agents)
    .where(and(eq(agents.storeId, storeId), team === null ? undefined : eq(agents.team, team)))
    .orderBy(asc(agents.team), asc(agents.name), asc(agents.id));
  const names = await itemNames(db, storeId);
  const words = TOTAL_WORDS[locale];
  const teamSums = new Map<string | null, { now: Sums[]; before: Sums[] }>();

  const line = (teamLabel: string, agentLabel: string, now: Sums, before: Sums, failedItems: string, effect: number | null = null): CsvValue[] => {
    const f = figuresOf(now);
    const t = trendOf(f, figuresOf(before));
    return [q.month, teamLabel, agentLabel, f.reviewed, f.averageScore, percent(f.passRate), f.coverage.active, f.coverage.atQuota, percent(f.coverage.rate), t.averageScore, failedItems, f.disputes.opened, f.disputes.accepted, percent(f.repeatErrorRate), percent(effect)];
  };

  async function* pages(): AsyncGenerator<CsvValue[][]> {
    for (let i = 0; i < roster.length; i += PAGE) {
      const page = roster.slice(i, i + PAGE);
      const ids = page.map((a) => a.id);
      const [stats, items] = await db.batch([
        db.select().from(agentPeriodStats).where(and(eq(agentPeriodStats.storeId, storeId), eq(agentPeriodStats.periodKind, 'month'), inArray(agentPeriodStats.period, [month.key, previous.key]), inArray(agentPeriodStats.agentId, ids))),
        db
          .select({ agentId: itemPeriodStats.agentId, itemId: itemPeriodStats.itemId, failed: itemPeriodStats.failed })
          .from(itemPeriodStats)
          .where(and(eq(itemPeriodStats.storeId, storeId), eq(itemPeriodStats.periodKind, 'month'), eq(itemPeriodStats.period, month.key), inArray(itemPeriodStats.agentId, ids), gt(itemPeriodStats.failed, 0))),
      ]);
      const rows: CsvValue[][] = [];
      for (const agent of page) {
        const now = stats.find((s) => s.agentId === agent.id && s.period === month.key);
        const before = stats.find((s) => s.agentId === agent.id && s.period === previous.key);
        if (!now && !before) continue;
        const failed = items
          .filter((x) => x.agentId === agent.id)
          .sort((a, b) => b.failed - a.failed || (a.itemId < b.itemId ? -1 : 1))
          .slice(0, 3)
          .map((x) => `${names.get(x.itemId)?.[locale] ?? x.itemId} ×${x.failed}`)
          .join('; ');
        const sums = teamSums.get(agent.team) ?? { now: [], before: [] };
        sums.now.push(now ?? EMPTY_SUMS);
        sums.before.push(before ?? EMPTY_SUMS);
        teamSums.set(agent.team, sums);
        rows.push(line(agent.team ?? words.noTeam, agent.name, now ?? EMPTY_SUMS, before ?? EMPTY_SUMS, failed));
      }
      yield rows;
    }
    const totals: CsvValue[][] = [...teamSums.entries()].map(([t, s]) => line(t ?? words.noTeam, words.all, addSums(s.now), addSums(s.before), ''));
    // Coaching effectiveness is a figure of the whole (store, or the lead's team): the change of the
    // coached items' failure rate, in percentage points, on the last row.
    const effect = effectiveness(await effectSums(db, storeId, month, team)).change;
    const all = [...teamSums.values()];
    if (team === null) totals.push(line(words.store, words.all, addSums(all.flatMap((s) => s.now)), addSums(all.flatMap((s) => s.before)), '', effect));
    else if (totals.length) totals[totals.length - 1] = line(team, words.all, addSums(all.flatMap((s) => s.now)), addSums(all.flatMap((s) => s.before)), '', effect);
    yield totals;
  }

  return { stream: csvStream(columns(locale, MONTHLY_COLUMNS), pages()), filename: `shopqa-monthly-${q.month}.csv` };
}
