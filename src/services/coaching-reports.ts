import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { isoDay, DAYS_IN_ORDER } from '../domain/dates';
import { coachingEffectiveness, repeatErrors, serviceStars } from '../coaching/followup';
import { PERIODS, periodRange } from '../coaching/periods';
import type { CoachingItem, Localized } from '../coaching/types';
import type { Db } from '../db/client';
import { stores } from '../db/schema';
import { notFound } from '../domain/errors';
import { addDays, localDate } from '../lib/time';
import { daysWithFigures, figuresThrough, periodOf } from '../reports/periods';
import { starsBar } from '../reports/figures';
import { visibleAgents, type CoachingScope } from './coaching-scope';
import { feedbackFacts, reviewFacts } from './review-facts';
import { readSettings } from './settings';

export const repeatQuery = z.object({ period: z.enum(PERIODS).default('week'), date: isoDay() });
export const effectivenessQuery = z
  .object({ from: isoDay(), to: isoDay(), window: z.coerce.number().int().min(1).max(90).default(30) })
  .refine((v) => v.from <= v.to, DAYS_IN_ORDER);
export const starsQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  minReviews: z.coerce.number().int().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

/** Feedback older than this no longer makes a failure a "repeat". */
const FEEDBACK_MEMORY_DAYS = 365;

const nameOfItem = (items: Map<string, CoachingItem>, id: string): Localized => items.get(id)?.name ?? { 'zh-CN': id, en: id };

/** Repeat-error rate by agent, item and both, for the day, ISO week or month containing `date`. */
export async function repeatErrorReport(db: Db, storeId: string, scope: CoachingScope, q: z.infer<typeof repeatQuery>) {
  const { from, to } = periodRange(q.period, q.date);
  const agents = await visibleAgents(db, storeId, scope);
  const ids = agents.map((a) => a.id);
  const name = new Map(agents.map((a) => [a.id, a.name]));
  const { facts, items } = await reviewFacts(db, storeId, ids, from, to);
  const cards = await feedbackFacts(db, storeId, ids, addDays(from, -FEEDBACK_MEMORY_DAYS), to);
  const r = repeatErrors(facts, cards);
  const rate = (x: { checks: number; repeats: number; rate: number | null }) => ({ checks: x.checks, repeats: x.repeats, rate: x.rate });
  return {
    period: q.period,
    from,
    to,
    total: r.total,
    byAgent: r.byAgent.map((x) => ({ agentId: x.key, agentName: name.get(x.key) ?? '', ...rate(x) })),
    byItem: r.byItem.map((x) => ({ itemId: x.key, itemName: nameOfItem(items, x.key), ...rate(x) })),
    byAgentItem: r.byAgentItem.map((x) => {
      const [agentId, itemId] = x.key.split('|') as [string, string];
      return { agentId, agentName: name.get(agentId) ?? '', itemId, itemName: nameOfItem(items, itemId), ...rate(x) };
    }),
  };
}

/** Per item: the failure rate in coached agents' reviews before the card against after it. */
export async function effectivenessReport(db: Db, storeId: string, scope: CoachingScope, q: z.infer<typeof effectivenessQuery>) {
  const ids = (await visibleAgents(db, storeId, scope)).map((a) => a.id);
  const { facts, items } = await reviewFacts(db, storeId, ids, addDays(q.from, -q.window), addDays(q.to, q.window));
  const cards = await feedbackFacts(db, storeId, ids, q.from, q.to);
  return { from: q.from, to: q.to, window: q.window, items: coachingEffectiveness(facts, cards, q.from, q.to, q.window).map((e) => ({ ...e, itemName: nameOfItem(items, e.itemId) })) };
}

/**
 * Service stars of the month: the top averages among agents with enough reviews. A month under way is
 * held to the store's bar scaled to the days so far (on 2 December, one day's work cannot make 10 reviews
 * but for a new hire on a boosted quota), as the dashboard does; `minReviews` sets the bar outright.
 */
export async function serviceStarsReport(db: Db, storeId: string, scope: CoachingScope, q: z.infer<typeof starsQuery>, now: number) {
  const store = await db.select({ timezone: stores.timezone, settings: stores.settings }).from(stores).where(eq(stores.id, storeId)).get();
  if (!store) throw notFound('Store');
  const settings = readSettings(store.settings).coaching;
  const month = periodOf('month', `${q.month}-01`);
  const yesterday = addDays(localDate(now, store.timezone), -1);
  const minReviews = q.minReviews ?? starsBar(settings.starsMinReviews, daysWithFigures(month, yesterday));
  const { from, to } = month;
  const agents = await visibleAgents(db, storeId, scope);
  const by = new Map(agents.map((a) => [a.id, a]));
  const { facts } = await reviewFacts(db, storeId, agents.map((a) => a.id), from, to);
  const stars = serviceStars(facts, minReviews, q.limit ?? settings.starsCount, (id) => by.get(id)?.name ?? '');
  return { month: q.month, through: figuresThrough(month, yesterday), minReviews, stars: stars.map((s) => ({ ...s, agentName: by.get(s.agentId)?.name ?? '', team: by.get(s.agentId)?.team ?? null })) };
}
