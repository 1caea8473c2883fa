import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isoDay } from '../domain/dates';
import { daysBetween } from '../coaching/periods';
import type { Db } from '../db/client';
import { agents, reviews } from '../db/schema';
import { AppError } from '../domain/errors';
import { addDays, localDate } from '../lib/time';
import { visibleAgent, type CoachingScope } from './coaching-scope';

export const trendQuery = z.object({
  agentId: z.string().min(1).max(200).optional(),
  days: z.coerce.number().int().min(7).max(90).default(30),
  to: isoDay().optional(),
});

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * An agent's reviewed average per local day against their team's (all of the team's reviews that day,
 * the agent's included; the whole store when the agent has no team). Only aggregates: no one else named.
 */
export async function agentTrend(db: Db, storeId: string, scope: CoachingScope, q: z.infer<typeof trendQuery>, timezone: string, now: number) {
  // An agent naming someone else gets that agent's 404 from visibleAgent, not their own trend in its place.
  const id = q.agentId ?? scope.agentId;
  if (!id) throw new AppError('invalid_request', 'agentId is required', 'agentId');
  const agent = await visibleAgent(db, storeId, scope, id);
  const to = q.to ?? addDays(localDate(now, timezone), -1);
  const from = addDays(to, -(q.days - 1));
  const base = and(eq(reviews.storeId, storeId), eq(reviews.status, 'submitted'), eq(reviews.blind, false), gte(reviews.sampleDate, from), lte(reviews.sampleDate, to));
  const perDay = { date: reviews.sampleDate, sum: sql<number>`sum(${reviews.score})`, n: sql<number>`count(*)` };
  const own = await db.select(perDay).from(reviews).where(and(base, eq(reviews.agentId, agent.id))).groupBy(reviews.sampleDate);
  const teamFilter = agent.team === null ? undefined : sql`${reviews.agentId} in (select ${agents.id} from ${agents} where ${agents.storeId} = ${storeId} and ${agents.team} = ${agent.team})`;
  const team = await db.select(perDay).from(reviews).where(and(base, teamFilter)).groupBy(reviews.sampleDate);
  const ownOf = new Map(own.map((r) => [r.date, r]));
  const teamOf = new Map(team.map((r) => [r.date, r]));
  const total = (rows: { sum: number; n: number }[]) => {
    const n = rows.reduce((s, r) => s + Number(r.n), 0);
    return { average: n ? round1(rows.reduce((s, r) => s + Number(r.sum), 0) / n) : null, reviews: n };
  };
  return {
    agentId: agent.id,
    teamName: agent.team,
    from,
    to,
    days: daysBetween(from, to).map((date) => {
      const o = ownOf.get(date);
      const t = teamOf.get(date);
      return { date, score: o ? round1(Number(o.sum) / Number(o.n)) : null, reviews: o ? Number(o.n) : 0, teamScore: t ? round1(Number(t.sum) / Number(t.n)) : null };
    }),
    own: total(own),
    team: total(team),
  };
}
