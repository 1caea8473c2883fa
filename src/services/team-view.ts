import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isoDay } from '../domain/dates';
import { repeatErrors } from '../coaching/followup';
import { daysBetween, periodRange } from '../coaching/periods';
import { unstableText } from '../coaching/wording';
import type { Db } from '../db/client';
import { coachingCards, coachingTasks, disputes, reviews, sampleSelections, stores } from '../db/schema';
import { notFound } from '../domain/errors';
import { addDays, localDate } from '../lib/time';
import { isNewHire } from '../sampling/quota';
import { inChunks, visibleAgents, type CoachingScope } from './coaching-scope';
import { noCardsFor } from './no-card';
import { readSettings } from './settings';
import { dailyAverages, feedbackFacts, reviewFacts } from './review-facts';

export const teamQuery = z.object({ date: isoDay().optional(), team: z.string().min(1).max(100).optional() });

const TREND_DAYS = 14;
const round1 = (n: number) => Math.round(n * 10) / 10;

function direction(points: (number | null)[]): 'up' | 'down' | 'flat' | null {
  const seen = points.filter((p): p is number => p !== null);
  if (seen.length < 2) return null;
  const half = Math.floor(seen.length / 2);
  const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const delta = avg(seen.slice(half)) - avg(seen.slice(0, half));
  return delta >= 1 ? 'up' : delta <= -1 ? 'down' : 'flat';
}

/**
 * The lead's (their team) or manager's (the store, or one team) view of a day: per agent the sample
 * against the quota, the reviewed average and trend, flags, repeat errors, the card and its state or why
 * there is none, open disputes and the open 1:1 task.
 */
export async function teamView(db: Db, storeId: string, scope: CoachingScope, q: z.infer<typeof teamQuery>, now: number) {
  const store = await db.select({ timezone: stores.timezone, settings: stores.settings }).from(stores).where(eq(stores.id, storeId)).get();
  if (!store) throw notFound('Store');
  const { coaching: settings, sampling: policy } = readSettings(store.settings);
  const date = q.date ?? addDays(localDate(now, store.timezone), -1);
  const team = scope.team ?? q.team ?? null;
  const roster = (await visibleAgents(db, storeId, team !== null && scope.team === null ? { ...scope, team } : scope)).filter((a) => a.active);
  const ids = roster.map((a) => a.id);
  const scoped = <T>(read: (chunk: string[]) => Promise<T[]>) => inChunks(ids, read);

  const picks = await scoped((c) => db.select({ agentId: sampleSelections.agentId, n: sql<number>`count(*)`, quota: sql<number>`max(${sampleSelections.quota})` }).from(sampleSelections).where(and(eq(sampleSelections.storeId, storeId), eq(sampleSelections.date, date), inArray(sampleSelections.agentId, c))).groupBy(sampleSelections.agentId));
  const pending = await scoped((c) => db.select({ agentId: reviews.agentId, n: sql<number>`count(*)` }).from(reviews).where(and(eq(reviews.storeId, storeId), eq(reviews.sampleDate, date), eq(reviews.blind, false), eq(reviews.status, 'pending'), inArray(reviews.agentId, c))).groupBy(reviews.agentId));
  const trendFrom = addDays(date, -(TREND_DAYS - 1));
  const averages = await dailyAverages(db, storeId, ids, trendFrom, date);
  const cards = await scoped((c) => db.select({ id: coachingCards.id, agentId: coachingCards.agentId, status: coachingCards.status }).from(coachingCards).where(and(eq(coachingCards.storeId, storeId), eq(coachingCards.date, date), inArray(coachingCards.agentId, c))));
  const open = await scoped((c) => db.select({ agentId: disputes.agentId, n: sql<number>`count(*)` }).from(disputes).where(and(eq(disputes.storeId, storeId), eq(disputes.status, 'open'), inArray(disputes.agentId, c))).groupBy(disputes.agentId));
  const tasks = await scoped((c) => db.select().from(coachingTasks).where(and(eq(coachingTasks.storeId, storeId), inArray(coachingTasks.agentId, c))).orderBy(desc(coachingTasks.createdAt)));
  const week = periodRange('week', date);
  const { facts } = await reviewFacts(db, storeId, ids, week.from, week.to);
  const feedback = await feedbackFacts(db, storeId, ids, addDays(week.from, -365), week.to);
  const repeats = new Map(repeatErrors(facts, feedback).byAgent.map((r) => [r.key, r]));
  const missing = new Map((await noCardsFor(db, storeId, date, roster.filter((a) => !cards.some((c) => c.agentId === a.id)))).map((m) => [m.agentId, m]));

  const days = daysBetween(trendFrom, date);
  const rows = roster.map((a) => {
    const pick = picks.find((p) => p.agentId === a.id);
    const mine = averages.filter((x) => x.agentId === a.id);
    const today = mine.find((x) => x.date === date);
    const trend = days.map((d) => {
      const x = mine.find((m) => m.date === d);
      return { date: d, average: x ? round1(Number(x.average)) : null };
    });
    const agentTasks = tasks.filter((t) => t.agentId === a.id);
    const openTask = agentTasks.find((t) => t.status === 'open');
    const trigger = agentTasks[0];
    const card = cards.find((c) => c.agentId === a.id);
    const none = missing.get(a.id);
    const quota = pick ? Number(pick.quota) : null;
    const sampled = pick ? Number(pick.n) : 0;
    const repeat = repeats.get(a.id);
    return {
      agentId: a.id,
      name: a.name,
      team: a.team,
      flags: { newHire: isNewHire({ hiredAt: a.hiredAt }, date, policy), unstable: a.unstable, excellent: a.excellent },
      unstableReason: a.unstable ? { kind: trigger?.reason ?? ('manual' as const), since: trigger?.date ?? null, text: unstableText(trigger?.reason ?? 'manual', settings.unstableThreshold, settings.unstableDays) } : null,
      sampled,
      quota,
      shortfall: quota === null ? 0 : Math.max(0, quota - sampled),
      reviewed: today ? Number(today.reviews) : 0,
      pendingReviews: Number(pending.find((p) => p.agentId === a.id)?.n ?? 0),
      average: today ? round1(Number(today.average)) : null,
      trend,
      trendDirection: direction(trend.map((t) => t.average)),
      repeatErrors: { week: repeat?.repeats ?? 0, rate: repeat?.rate ?? null },
      card: card ? { id: card.id, status: card.status } : null,
      noCardReason: none?.reason ?? null,
      noCardText: none?.reasonText ?? null,
      openDisputes: Number(open.find((o) => o.agentId === a.id)?.n ?? 0),
      openTask: openTask ? { id: openTask.id, createdAt: new Date(openTask.createdAt).toISOString() } : null,
    };
  });
  rows.sort((a, b) => Number(b.flags.unstable) - Number(a.flags.unstable) || a.name.localeCompare(b.name));
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
  return {
    date,
    team,
    thresholds: { unstableBelow: settings.unstableThreshold, unstableDays: settings.unstableDays },
    totals: {
      agents: rows.length,
      sampled: sum((r) => r.sampled),
      quota: sum((r) => r.quota ?? 0),
      reviewed: sum((r) => r.reviewed),
      pendingReviews: sum((r) => r.pendingReviews),
      cards: sum((r) => (r.card ? 1 : 0)),
      unacknowledged: sum((r) => (r.card?.status === 'generated' ? 1 : 0)),
      openDisputes: sum((r) => r.openDisputes),
      openTasks: sum((r) => (r.openTask ? 1 : 0)),
    },
    agents: rows,
  };
}
