/** Report periods in a store's local calendar: a day, an ISO week (Monday to Sunday), a month. Pure. */
import type { PeriodKind } from '../domain/enums';
import { addDays } from '../lib/time';

export interface Period {
  kind: PeriodKind;
  /** The rollup key: `2026-11-21`, `2026-W47`, `2026-11`. */
  key: string;
  /** First and last local date, inclusive. */
  from: string;
  to: string;
}

const toUtc = (date: string) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
const dayOfWeek = (date: string) => (new Date(toUtc(date)).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6

/** The ISO week key of a date: its Thursday decides the year. */
export function weekKey(date: string): string {
  const monday = addDays(date, -dayOfWeek(date));
  const thursday = addDays(monday, 3);
  const year = thursday.slice(0, 4);
  const firstThursday = addDays(`${year}-01-01`, (3 - dayOfWeek(`${year}-01-01`) + 7) % 7);
  const week = Math.round((toUtc(thursday) - toUtc(firstThursday)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The period of a kind that holds `date`. */
export function periodOf(kind: PeriodKind, date: string): Period {
  if (kind === 'day') return { kind, key: date, from: date, to: date };
  if (kind === 'week') {
    const from = addDays(date, -dayOfWeek(date));
    return { kind, key: weekKey(date), from, to: addDays(from, 6) };
  }
  const month = date.slice(0, 7);
  return { kind, key: month, from: `${month}-01`, to: lastDayOfMonth(month) };
}

/** The period just before: yesterday, last week, last month. */
export function previousPeriod(p: Period): Period {
  return periodOf(p.kind, addDays(p.from, -1));
}

/**
 * The last day a period's figures hold, given the store's yesterday: its last day once it is over,
 * yesterday while it is under way, null before it begins.
 */
export function figuresThrough(p: Period, yesterday: string): string | null {
  return yesterday >= p.to ? p.to : yesterday >= p.from ? yesterday : null;
}

/**
 * What a period is compared with while it is under way (this month so far, to yesterday): the same number
 * of days from the start of the period before — 1–1 December against 1–1 November, not against all of
 * November. A finished (or not yet begun) period gets the whole one before.
 */
export function comparablePrevious(p: Period, yesterday: string): Period {
  const previous = previousPeriod(p);
  const through = figuresThrough(p, yesterday);
  if (through === null || through === p.to) return previous;
  const to = addDays(previous.from, datesBetween(p.from, through).length - 1);
  return to < previous.to ? { ...previous, to } : previous;
}

/** Every local date from `from` to `to`, inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The weeks and months that a run of dates touches: the rollup tiers to rebuild after those days change. */
export function periodsTouched(from: string, to: string): Period[] {
  const seen = new Map<string, Period>();
  for (const d of datesBetween(from, to)) {
    for (const kind of ['week', 'month'] as const) {
      const p = periodOf(kind, d);
      seen.set(`${kind}|${p.key}`, p);
    }
  }
  return [...seen.values()];
}

/** The number of days in a period (a month of 28–31, a week of 7). */
export const periodDays = (p: Period) => datesBetween(p.from, p.to).length;

/** The days a period's figures cover, given the store's yesterday: the days so far while it is under way, else all. */
export const daysWithFigures = (p: Period, yesterday: string) => datesBetween(p.from, figuresThrough(p, yesterday) ?? p.to).length;
