import { and, asc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { d1Statement } from '../db/statements';
import { calibrationDayStats, reviews, scorecards } from '../db/schema';
import { calibrationSums, type DatedPair } from '../reports/calibration';
import { periodsTouched } from '../reports/periods';
import { getSettings } from './settings';

/**
 * Rollups (src/db/schema/reports.ts) rebuilt from their sources with INSERT … SELECT, so the work
 * happens inside D1 and nothing but statements crosses to the Worker. Day rows come from the day's
 * sample (coverage) and its submitted primary reviews; week and month rows are sums of day rows.
 * Every statement deletes what it rebuilds first, so running any of them again changes nothing.
 */

type Statement = BatchItem<'sqlite'>;
export interface RollupScope {
  from: string;
  to: string;
  /** Only this agent's rows (after one review changed); all agents when absent. */
  agentId?: string;
}

const agentIs = (column: string, agentId?: string): SQL => (agentId ? sql` and ${sql.raw(column)} = ${agentId}` : sql``);

/** Feedback older than this no longer makes a failure a repeat (as in the coaching loop's own report). */
const FEEDBACK_MEMORY_DAYS = 365;

/** `scorecardId|itemId` → the item's max points: a pass below them is a deduction, counted as failed. */
export type MaxPoints = Record<string, number>;

function dayStatements(storeId: string, { from, to, agentId }: RollupScope, passScore: number, maxPoints: MaxPoints): SQL[] {
  const max = JSON.stringify(maxPoints);
  return [
    sql`delete from agent_period_stats where store_id = ${storeId} and period_kind = 'day' and period between ${from} and ${to}${agentIs('agent_id', agentId)}`,
    // Coverage: an agent with any selection that day was active; at quota when selected ≥ quota.
    sql`insert into agent_period_stats (store_id, period_kind, period, agent_id, active_days, at_quota_days, quota, sampled)
      select store_id, 'day', date, agent_id, 1, count(*) >= max(quota), max(quota), count(*) from sample_selections
      where store_id = ${storeId} and date between ${from} and ${to}${agentIs('agent_id', agentId)} group by date, agent_id`,
    sql`insert into agent_period_stats (store_id, period_kind, period, agent_id, reviewed, score_sum, passed)
      select store_id, 'day', sample_date, agent_id, count(*), sum(score), sum(score >= ${passScore}) from reviews
      where store_id = ${storeId} and sample_date between ${from} and ${to} and status = 'submitted' and blind = 0 and score is not null${agentIs('agent_id', agentId)}
      group by sample_date, agent_id
      on conflict (store_id, period_kind, period, agent_id) do update set reviewed = excluded.reviewed, score_sum = excluded.score_sum, passed = excluded.passed`,
    sql`delete from item_period_stats where store_id = ${storeId} and period_kind = 'day' and period between ${from} and ${to}${agentIs('agent_id', agentId)}`,
    // Per item: applied (pass or fail), failed (a fail, or a pass below full points), and checked for a
    // repeat (the agent had feedback on the item on an earlier day's card).
    sql`insert into item_period_stats (store_id, period_kind, period, agent_id, item_id, applicable, failed, checks, repeats)
      select store_id, 'day', sample_date, agent_id, item, sum(applicable), sum(failed), sum(checked), sum(checked and failed) from (
        select r.store_id, r.sample_date, r.agent_id, json_extract(j.value, '$.itemId') as item,
          json_extract(j.value, '$.outcome') in ('pass', 'fail') as applicable,
          coalesce(json_extract(j.value, '$.outcome') = 'fail' or (json_extract(j.value, '$.outcome') = 'pass'
            and json_extract(j.value, '$.points') < coalesce(json_extract(${max}, '$."' || r.scorecard_id || '|' || json_extract(j.value, '$.itemId') || '"'), 1e9)), 0) as failed,
          (json_extract(j.value, '$.outcome') in ('pass', 'fail') and exists (
            select 1 from coaching_cards c, json_each(c.feedback_items) f
            where c.store_id = r.store_id and c.agent_id = r.agent_id and c.date < r.sample_date and c.date >= date(r.sample_date, ${`-${FEEDBACK_MEMORY_DAYS} days`})
              and f.value = json_extract(j.value, '$.itemId'))) as checked
        from reviews r, json_each(r.items) j
        where r.store_id = ${storeId} and r.sample_date between ${from} and ${to} and r.status = 'submitted' and r.blind = 0${agentIs('r.agent_id', agentId)}
      ) where true group by sample_date, agent_id, item having sum(applicable) > 0`,
    sql`insert into agent_period_stats (store_id, period_kind, period, agent_id, repeat_checks, repeats)
      select store_id, 'day', period, agent_id, sum(checks), sum(repeats) from item_period_stats
      where store_id = ${storeId} and period_kind = 'day' and period between ${from} and ${to}${agentIs('agent_id', agentId)} group by period, agent_id
      on conflict (store_id, period_kind, period, agent_id) do update set repeat_checks = excluded.repeat_checks, repeats = excluded.repeats`,
    sql`insert into agent_period_stats (store_id, period_kind, period, agent_id, disputes_opened, disputes_accepted)
      select store_id, 'day', date, agent_id, count(*), sum(status = 'accepted') from disputes
      where store_id = ${storeId} and date between ${from} and ${to}${agentIs('agent_id', agentId)} group by date, agent_id
      on conflict (store_id, period_kind, period, agent_id) do update set disputes_opened = excluded.disputes_opened, disputes_accepted = excluded.disputes_accepted`,
  ];
}

/** Week and month rows: the sums of their day rows, for every week and month the days touch. */
function tierStatements(storeId: string, { from, to, agentId }: RollupScope): SQL[] {
  const out: SQL[] = [];
  for (const p of periodsTouched(from, to)) {
    out.push(
      sql`delete from agent_period_stats where store_id = ${storeId} and period_kind = ${p.kind} and period = ${p.key}${agentIs('agent_id', agentId)}`,
      sql`insert into agent_period_stats (store_id, period_kind, period, agent_id, active_days, at_quota_days, quota, sampled, reviewed, score_sum, passed, repeat_checks, repeats, disputes_opened, disputes_accepted)
        select store_id, ${p.kind}, ${p.key}, agent_id, sum(active_days), sum(at_quota_days), sum(quota), sum(sampled), sum(reviewed), sum(score_sum), sum(passed), sum(repeat_checks), sum(repeats), sum(disputes_opened), sum(disputes_accepted)
        from agent_period_stats where store_id = ${storeId} and period_kind = 'day' and period between ${p.from} and ${p.to}${agentIs('agent_id', agentId)} group by agent_id`,
      sql`delete from item_period_stats where store_id = ${storeId} and period_kind = ${p.kind} and period = ${p.key}${agentIs('agent_id', agentId)}`,
      sql`insert into item_period_stats (store_id, period_kind, period, agent_id, item_id, applicable, failed, checks, repeats)
        select store_id, ${p.kind}, ${p.key}, agent_id, item_id, sum(applicable), sum(failed), sum(checks), sum(repeats)
        from item_period_stats where store_id = ${storeId} and period_kind = 'day' and period between ${p.from} and ${p.to}${agentIs('agent_id', agentId)} group by agent_id, item_id`,
    );
  }
  return out;
}

/** The statements that rebuild the agent and item rollups of a run of days (and their weeks and months). */
export function rollupStatements(d1: D1Database, storeId: string, scope: RollupScope, passScore: number, maxPoints: MaxPoints): D1PreparedStatement[] {
  return [...dayStatements(storeId, scope, passScore, maxPoints), ...tierStatements(storeId, scope)].map((q) => d1Statement(d1, q));
}

/** Every item's max points in every scorecard version of the store (a few hundred numbers at most). */
export async function maxPointsOf(db: Db, storeId: string): Promise<MaxPoints> {
  const rows = await db.select({ id: scorecards.id, definition: scorecards.definition }).from(scorecards).where(eq(scorecards.storeId, storeId));
  const out: MaxPoints = {};
  for (const r of rows) for (const c of r.definition.categories) for (const i of c.items) out[`${r.id}|${i.id}`] = i.maxPoints;
  return out;
}

const outcomes = (items: unknown) => Object.fromEntries(((items ?? []) as { itemId: string; outcome: string }[]).map((i) => [i.itemId, i.outcome]));

/** Rebuilds calibration rows for a run of days from the blind second reviews and their primaries. */
export async function refreshCalibration(db: Db, storeId: string, from: string, to: string) {
  const blind = await db
    .select({ conversationId: reviews.conversationId, reviewerId: reviews.reviewerId, agentId: reviews.agentId, date: reviews.sampleDate, score: reviews.score, items: reviews.items })
    .from(reviews)
    .where(and(eq(reviews.storeId, storeId), gte(reviews.sampleDate, from), lte(reviews.sampleDate, to), eq(reviews.blind, true), eq(reviews.status, 'submitted')))
    .orderBy(asc(reviews.sampleDate), asc(reviews.id));
  const pairs: DatedPair[] = [];
  for (let i = 0; i < blind.length; i += 90) {
    const chunk = blind.slice(i, i + 90);
    const primaries = await db
      .select({ conversationId: reviews.conversationId, reviewerId: reviews.reviewerId, score: reviews.score, items: reviews.items })
      .from(reviews)
      .where(and(eq(reviews.storeId, storeId), inArray(reviews.conversationId, chunk.map((b) => b.conversationId)), eq(reviews.blind, false), eq(reviews.status, 'submitted')));
    const byConversation = new Map(primaries.map((p) => [p.conversationId, p]));
    for (const b of chunk) {
      const p = byConversation.get(b.conversationId);
      if (!p || p.score === null || b.score === null) continue;
      pairs.push({ date: b.date, agentId: b.agentId, reviewerA: p.reviewerId, reviewerB: b.reviewerId, scoreA: p.score, scoreB: b.score, itemsA: outcomes(p.items), itemsB: outcomes(b.items) });
    }
  }
  const rows = calibrationSums(pairs).map((r) => ({ ...r, storeId }));
  const statements: Statement[] = [db.delete(calibrationDayStats).where(and(eq(calibrationDayStats.storeId, storeId), gte(calibrationDayStats.date, from), lte(calibrationDayStats.date, to)))];
  // Eight columns a row: twelve rows keep a statement under D1's 100 bound parameters.
  for (let i = 0; i < rows.length; i += 12) statements.push(db.insert(calibrationDayStats).values(rows.slice(i, i + 12)));
  await db.batch(statements as [Statement, ...Statement[]]);
  return pairs.length;
}

/** Rebuilds every rollup of a run of days: the daily job's reconciliation, and a backfill. */
export async function refreshRollups(db: Db, storeId: string, from: string, to: string, passScore: number) {
  const statements = rollupStatements(db.$client, storeId, { from, to }, passScore, await maxPointsOf(db, storeId));
  await db.$client.batch(statements);
  const pairs = await refreshCalibration(db, storeId, from, to);
  return { statements: statements.length + 1, calibrationPairs: pairs };
}

/** The rollup statements for one agent's day after one of their reviews changed: batch them with the change. */
export function reviewRollupStatements(d1: D1Database, storeId: string, review: { sampleDate: string; agentId: string }, passScore: number, maxPoints: MaxPoints): D1PreparedStatement[] {
  return rollupStatements(d1, storeId, { from: review.sampleDate, to: review.sampleDate, agentId: review.agentId }, passScore, maxPoints);
}

/** Rebuilds one agent's rollups of one day now: after a review, a dispute or a card of that day changed. */
export async function refreshAgentDay(db: Db, storeId: string, review: { sampleDate: string; agentId: string }) {
  const { passScore } = (await getSettings(db, storeId)).reports;
  await db.$client.batch(reviewRollupStatements(db.$client, storeId, review, passScore, await maxPointsOf(db, storeId)));
}

/** After a review changed: its day's calibration rows, if it is one side of a calibration pair. */
export async function refreshCalibrationAfter(db: Db, storeId: string, review: { sampleDate: string; conversationId: string; blind: boolean }) {
  const paired =
    review.blind ||
    (await db
      .select({ id: reviews.id })
      .from(reviews)
      .where(and(eq(reviews.storeId, storeId), eq(reviews.conversationId, review.conversationId), eq(reviews.blind, true)))
      .get());
  if (paired) await refreshCalibration(db, storeId, review.sampleDate, review.sampleDate);
}
