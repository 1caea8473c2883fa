import { and, eq, getTableColumns, getTableName, gt, gte, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';
import type { Phase } from '../domain/enums';
import { agents, conversations, reviewers, reviews, sampleDays, sampleSelections, scorecards, stores } from '../db/schema';
import { AppError } from '../domain/errors';
import { newId } from '../lib/ids';
import { addDays, localDayRange, localHour } from '../lib/time';
import { assignReviewers } from '../sampling/assign';
import { sampleDay } from '../sampling/sample-day';
import type { DayCoverage, SamplingConversation } from '../sampling/types';
import { refreshRollups } from '../services/rollups';
import { readSettings } from '../services/settings';

/** Rows per bulk insert: each statement binds one JSON parameter, however many rows it carries. */
const ROWS_PER_INSERT = 500;
/** The day is read in slices of this many hours, to keep each result small. */
const HOURS_PER_READ = 6;
/** Days of rollups the daily job rebuilds: the day sampled and the six before it, still being reviewed. */
const ROLLUP_DAYS = 7;

export interface DailyResult {
  date: string;
  /** The coverage record, with `unassigned`: selections no reviewer could take (none active, or only their own). */
  coverage: DayCoverage;
  /** False when the day had been sampled before: the stored result is returned unchanged. */
  created: boolean;
}

async function readDay(db: Db, storeId: string, start: number, end: number, timezone: string) {
  const out: SamplingConversation[] = [];
  /** The scorecard each conversation was scored with (phase and version): its review is scored with the same one. */
  const cards = new Map<string, string>();
  const tagged = new Map<string, Phase>();
  for (let from = start; from < end; from += HOURS_PER_READ * 3600_000) {
    const rows = await db
      .select({
        id: conversations.id,
        agentId: conversations.agentId,
        openedAt: conversations.openedAt,
        rating: conversations.rating,
        score: conversations.qaScore,
        risk: conversations.qaRisk,
        critical: conversations.qaCritical,
        escalation: conversations.qaEscalation,
        keywordHits: conversations.qaKeywordHits,
        phase: conversations.qaPhase,
        version: conversations.qaScorecardVersion,
        phaseTag: conversations.phaseTag,
      })
      .from(conversations)
      .where(and(eq(conversations.storeId, storeId), gte(conversations.openedAt, from), lt(conversations.openedAt, Math.min(end, from + HOURS_PER_READ * 3600_000)), isNotNull(conversations.agentId)));
    for (const r of rows) {
      if (r.phase && r.version !== null) cards.set(r.id, `${r.phase}:${r.version}`);
      // Not scored yet (still open when the day was sampled): the platform's phase tag picks the scorecard.
      else if (r.phaseTag) tagged.set(r.id, r.phaseTag);
      out.push({ id: r.id, agentId: r.agentId!, localHour: localHour(r.openedAt!, timezone), rating: r.rating, autoScore: r.score, risk: r.risk, critical: r.critical ?? false, keywordHits: r.keywordHits ?? [], escalation: r.escalation ?? false });
    }
  }
  return { day: out, cards, tagged };
}

/**
 * INSERT … SELECT FROM json_each(?): many rows for one bound parameter (D1 binds at most 100). Table and
 * column names come from the drizzle table objects, so a renamed column cannot leave this behind.
 */
function bulkInsert<T extends SQLiteTable>(d1: D1Database, table: T, columns: (keyof T['_']['columns'] & string)[], rows: unknown[][]) {
  const all = getTableColumns(table) as Record<string, SQLiteColumn>;
  const names = columns.map((key) => `"${all[key]!.name}"`);
  const picks = columns.map((_, i) => `json_extract(value, '$[${i}]')`).join(', ');
  const statement = `insert or ignore into "${getTableName(table)}" (${names.join(', ')}) select ${picks} from json_each(?)`;
  const out: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) out.push(d1.prepare(statement).bind(JSON.stringify(rows.slice(i, i + ROWS_PER_INSERT))));
  return out;
}

/** A local day's range, once it has ended in the store's time zone; before, a 400 on `date` (no sample, review or card of it exists yet). */
export function endedDayRange(date: string, timezone: string, now: number) {
  const range = localDayRange(date, timezone);
  if (!(range.end <= now)) throw new AppError('invalid_request', `date: ${date} has not ended yet in the store's time zone (${timezone})`, 'date');
  return range;
}

/**
 * The daily job for one store and local day: sample, assign to reviewers, record coverage — in one
 * D1 batch, so a day is either fully sampled or not at all. Re-running returns the stored day.
 */
export async function runDailyJob(db: Db, storeId: string, date: string, now: number): Promise<DailyResult | null> {
  const existing = await db.select().from(sampleDays).where(and(eq(sampleDays.storeId, storeId), eq(sampleDays.date, date))).get();
  if (existing) return { date, coverage: existing.coverage, created: false };
  const store = await db.select().from(stores).where(eq(stores.id, storeId)).get();
  if (!store) return null;
  const policy = readSettings(store.settings).sampling;
  // A day still running (or to come) would be stored as final and its later conversations never sampled.
  const { start, end } = endedDayRange(date, store.timezone, now);
  const { day, cards: cardOf, tagged } = await readDay(db, storeId, start, end, store.timezone);
  const roster = await db.select({ id: agents.id, hiredAt: agents.hiredAt, excellent: agents.excellent, unstable: agents.unstable }).from(agents).where(eq(agents.storeId, storeId));
  const team = await db.select({ id: reviewers.id, agentId: reviewers.agentId }).from(reviewers).where(and(eq(reviewers.storeId, storeId), eq(reviewers.active, true)));
  const cardRows = await db.select({ id: scorecards.id, phase: scorecards.phase, version: scorecards.version, active: scorecards.active }).from(scorecards).where(eq(scorecards.storeId, storeId));
  const active = cardRows.filter((c) => c.active);
  const cardIds = new Map(cardRows.map((c) => [`${c.phase}:${c.version}`, c.id]));

  const { agents: samples, coverage: sampled } = sampleDay(policy, date, roster, day, storeId);
  const selections = samples.flatMap((s) => s.selected);
  const { assignments, unassigned } = assignReviewers(selections, team, `${storeId}|${date}`, policy.calibrationRate);
  // Agent messages nobody could be named for keep their conversation out of sampling: count them, never silently.
  const orphans = await db
    .select({ n: sql<number>`count(*)` })
    .from(conversations)
    .where(and(eq(conversations.storeId, storeId), gte(conversations.openedAt, start), lt(conversations.openedAt, end), isNull(conversations.agentId), gt(conversations.unattributedMessages, 0)))
    .get();
  const coverage = { ...sampled, unassigned: unassigned.length, unattributed: orphans?.n ?? 0 };
  const activeCardOf = new Map(active.map((a) => [a.phase, a.id]));
  const fallbackCard = activeCardOf.get('pre_sales') ?? null;
  const scorecardOf = (conversationId: string) => cardIds.get(cardOf.get(conversationId) ?? '') ?? activeCardOf.get(tagged.get(conversationId) ?? 'pre_sales') ?? fallbackCard;
  const quotaOf = new Map(samples.map((s) => [s.agentId, s.quota]));

  const d1 = db.$client;
  const statements = [
    ...bulkInsert(d1, sampleSelections, ['storeId', 'date', 'agentId', 'conversationId', 'reason', 'mustReview', 'quota'], selections.map((s) => [storeId, date, s.agentId, s.conversationId, s.reason, s.mustReview ? 1 : 0, quotaOf.get(s.agentId) ?? 5])),
    ...bulkInsert(
      d1,
      reviews,
      ['id', 'storeId', 'conversationId', 'agentId', 'reviewerId', 'sampleDate', 'blind', 'status', 'scorecardId', 'goodExample', 'createdAt'],
      assignments.map((a) => [newId('rev'), storeId, a.conversationId, a.agentId, a.reviewerId, date, a.blind ? 1 : 0, 'pending', scorecardOf(a.conversationId), 0, now]),
    ),
    // Last in the batch: a day counts as sampled only with all its selections and reviews written.
    d1.prepare('insert or ignore into sample_days (store_id, date, coverage, policy, created_at) values (?, ?, ?, ?, ?)').bind(storeId, date, JSON.stringify(coverage), JSON.stringify(policy), now),
  ];
  await d1.batch(statements);
  // The day's coverage, and the reviews of the days before it (submitted since), into the rollups the
  // dashboard reads. Each submission refreshes its own rows at once; this pass catches anything else.
  await refreshRollups(db, storeId, addDays(date, -(ROLLUP_DAYS - 1)), date, readSettings(store.settings).reports.passScore);
  return { date, coverage, created: true };
}
