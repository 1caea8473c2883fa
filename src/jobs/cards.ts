import { and, eq, inArray } from 'drizzle-orm';
import { buildCard, feedbackItems } from '../coaching/card';
import { decideUnstable, type ReviewedDay } from '../coaching/flags';
import type { CardContent } from '../coaching/types';
import { noCardText, steadyAgainText, unstableText, type NoCardReason, type UnstableKind } from '../coaching/wording';
import type { Db } from '../db/client';
import { agents, coachingCards, coachingTasks, conversations, reviews, stores } from '../db/schema';
import { newId } from '../lib/ids';
import { addDays, localDate, localHour } from '../lib/time';
import { AUDIT_COLUMNS, auditRow } from '../services/audit';
import { hasCriticalFailure, loadCardReviews, nearbyCards, type ReviewRow } from '../services/card-inputs';
import { inChunks, SYSTEM } from '../services/coaching-scope';
import { readSettings } from '../services/settings';
import type { Localized } from '../coaching/types';

export interface CardsJobResult {
  date: string;
  generated: number;
  updated: number;
  skipped: { agentId: string; agentName: string; reason: NoCardReason; reasonText: Localized; pendingReviews: number }[];
  flagged: { agentId: string; reason: UnstableKind }[];
  cleared: string[];
  tasksOpened: number;
}

/** Bytes of serialized rows per bulk statement: cards are a few KB each and D1 caps a bound string at 2 MB. */
const BYTES_PER_INSERT = 500_000;

/** INSERT … SELECT FROM json_each(?): many rows for one bound parameter, split so no parameter grows too large. */
function bulk(d1: D1Database, head: string, columns: string[], rows: unknown[][], tail = '') {
  const picks = columns.map((_, i) => `json_extract(value, '$[${i}]')`).join(', ');
  const sql = `${head} (${columns.join(', ')}) select ${picks} from json_each(?) where true ${tail}`;
  const out: D1PreparedStatement[] = [];
  let chunk: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (chunk.length) out.push(d1.prepare(sql).bind(`[${chunk.join(',')}]`));
    chunk = [];
    bytes = 0;
  };
  for (const row of rows) {
    const text = JSON.stringify(row);
    if (bytes + text.length > BYTES_PER_INSERT) flush();
    chunk.push(text);
    bytes += text.length;
  }
  flush();
  return out;
}

const CARD_COLUMNS = ['id', 'store_id', 'agent_id', 'date', 'status', 'content', 'feedback_items', 'average_score', 'review_count', 'last_submitted_at', 'critical', 'generated_at', 'created_at'];
// An acknowledged card is never rewritten: the agent has seen it.
const CARD_UPSERT = `on conflict (store_id, agent_id, date) do update set content = excluded.content, feedback_items = excluded.feedback_items, average_score = excluded.average_score, review_count = excluded.review_count, last_submitted_at = excluded.last_submitted_at, critical = excluded.critical, generated_at = excluded.generated_at where coaching_cards.status = 'generated'`;

/** Cards wait for all of an agent's reviews of the day, until the store's card hour on a later day. */
export function pastCardHour(now: number, date: string, timezone: string, cardHour: number): boolean {
  const today = localDate(now, timezone);
  return today > addDays(date, 1) || (today > date && localHour(now, timezone) >= cardHour);
}

/**
 * The day's coaching cards (SPEC §2 steps 5 and 7): one per agent with submitted reviews once they are
 * all in (or from the store's card hour, or when forced); an unacknowledged card is rebuilt when more
 * reviews came in. Then the unstable flag — `agents.unstable`, the flag the sampler reads — with a 1:1
 * coaching task for the lead. All writes in one D1 batch. Idempotent.
 */
export async function runCardsJob(db: Db, archive: R2Bucket, storeId: string, date: string, now: number, opts: { force?: boolean; agentIds?: string[] } = {}): Promise<CardsJobResult | null> {
  const store = await db.select({ timezone: stores.timezone, settings: stores.settings, locale: stores.locale }).from(stores).where(eq(stores.id, storeId)).get();
  if (!store) return null;
  const settings = readSettings(store.settings).coaching;
  const roster = await db.select({ id: agents.id, name: agents.name, unstable: agents.unstable }).from(agents).where(eq(agents.storeId, storeId));
  const only = opts.agentIds ? new Set(opts.agentIds) : null;
  // Right after a submission only that agent's day is read: a large store's whole day is thousands of reviews.
  const byAgentFilter = opts.agentIds ? inArray(reviews.agentId, opts.agentIds.slice(0, 90)) : undefined;
  const joined = await db
    .select({ r: reviews, openedAt: conversations.openedAt, phase: conversations.phaseTag })
    .from(reviews)
    .leftJoin(conversations, eq(conversations.id, reviews.conversationId))
    .where(and(eq(reviews.storeId, storeId), eq(reviews.sampleDate, date), eq(reviews.blind, false), byAgentFilter));
  const day = joined.map((x) => x.r).filter((r) => !only || only.has(r.agentId));
  const opened = new Map(joined.map((x) => [x.r.conversationId, { openedAt: x.openedAt ?? 0, phase: x.phase }]));
  const existing = await db
    .select()
    .from(coachingCards)
    .where(and(eq(coachingCards.storeId, storeId), eq(coachingCards.date, date), opts.agentIds ? inArray(coachingCards.agentId, opts.agentIds.slice(0, 90)) : undefined));
  const cardOf = new Map(existing.filter((c) => !only || only.has(c.agentId)).map((c) => [c.agentId, c]));
  const late = opts.force || pastCardHour(now, date, store.timezone, settings.cardHour);

  const byAgent = new Map<string, ReviewRow[]>();
  for (const r of day) byAgent.set(r.agentId, [...(byAgent.get(r.agentId) ?? []), r]);
  const nameOf = new Map(roster.map((a) => [a.id, a.name]));
  const result: CardsJobResult = { date, generated: 0, updated: 0, skipped: [], flagged: [], cleared: [], tasksOpened: 0 };
  const toBuild: string[] = [];
  for (const [agentId, rows] of byAgent) {
    const submitted = rows.filter((r) => r.status === 'submitted');
    const pending = rows.length - submitted.length;
    const card = cardOf.get(agentId);
    if (!submitted.length || (pending && !late)) {
      if (!card) result.skipped.push({ agentId, agentName: nameOf.get(agentId) ?? '', reason: 'reviews_pending', reasonText: noCardText('reviews_pending', pending), pendingReviews: pending });
      continue;
    }
    const last = Math.max(...submitted.map((r) => r.submittedAt ?? 0));
    if (card && (card.status === 'acknowledged' || (card.reviewCount === submitted.length && card.lastSubmittedAt === last))) continue;
    toBuild.push(agentId);
  }
  if (!toBuild.length) return result;

  const submittedRows = toBuild.flatMap((id) => byAgent.get(id)!.filter((r) => r.status === 'submitted'));
  const { byAgent: inputs, items } = await loadCardReviews(db, archive, storeId, submittedRows, opened);
  const nearby = await nearbyCards(db, storeId, date, toBuild);
  const openTasks = new Set((await inChunks(toBuild, (chunk) => db.select({ agentId: coachingTasks.agentId }).from(coachingTasks).where(and(eq(coachingTasks.storeId, storeId), eq(coachingTasks.status, 'open'), inArray(coachingTasks.agentId, chunk))))).map((t) => t.agentId));

  const cardRows: unknown[][] = [];
  const audits: unknown[][] = [];
  const taskRows: unknown[][] = [];
  const flagOn: string[] = [];
  const flagOff: string[] = [];
  for (const agentId of toBuild) {
    const list = inputs.get(agentId);
    if (!list?.length) continue;
    const mine = nearby.filter((c) => c.agentId === agentId);
    const earlier = mine.filter((c) => c.date < date).sort((a, b) => (a.date < b.date ? 1 : -1));
    const content: CardContent = buildCard({
      agentName: nameOf.get(agentId) ?? '',
      date,
      reviews: list,
      previous: earlier[0] ? { date: earlier[0].date, average: earlier[0].averageScore } : null,
      earlierFeedback: new Set(earlier.flatMap((c) => c.feedbackItems as string[])),
      otherNames: roster.filter((a) => a.id !== agentId).map((a) => a.name),
      suggestions: settings.suggestions,
    });
    const rows = byAgent.get(agentId)!.filter((r) => r.status === 'submitted');
    const critical = rows.some((r) => hasCriticalFailure(r, r.scorecardId ? items.get(r.scorecardId) : undefined));
    const last = Math.max(...rows.map((r) => r.submittedAt ?? 0));
    cardRows.push([newId('card'), storeId, agentId, date, 'generated', content, feedbackItems(content), content.summary.averageScore, content.summary.reviews, last, critical ? 1 : 0, now, now]);
    if (cardOf.has(agentId)) result.updated++;
    else result.generated++;

    // A later day's card already decided this agent's flag: an old day re-run must not undo it.
    if (mine.some((c) => c.date > date)) continue;
    const history: ReviewedDay[] = [...earlier.map((c) => ({ date: c.date, average: c.averageScore, reviews: c.reviewCount, critical: c.critical })), { date, average: content.summary.averageScore, reviews: content.summary.reviews, critical }];
    const unstable = roster.find((a) => a.id === agentId)?.unstable ?? false;
    const decision = decideUnstable(history, date, { threshold: settings.unstableThreshold, days: settings.unstableDays }, unstable);
    if (decision.kind === 'flag') {
      result.flagged.push({ agentId, reason: decision.reason });
      // The audit log's reasons are read by the store's managers: written in the store's language.
      const why = unstableText(decision.reason, settings.unstableThreshold, settings.unstableDays)[store.locale];
      if (!unstable) {
        flagOn.push(agentId);
        audits.push(auditRow(storeId, SYSTEM, { entityType: 'agent', entityId: agentId, action: 'flag_changed', before: { unstable: false }, after: { unstable: true }, reason: `${date}: ${why}` }, now));
      }
      if (!openTasks.has(agentId)) {
        taskRows.push([newId('task'), storeId, agentId, decision.reason, date, 'open', now]);
        result.tasksOpened++;
      }
    } else if (decision.kind === 'clear') {
      flagOff.push(agentId);
      result.cleared.push(agentId);
      audits.push(auditRow(storeId, SYSTEM, { entityType: 'agent', entityId: agentId, action: 'flag_changed', before: { unstable: true }, after: { unstable: false }, reason: `${date}: ${steadyAgainText(settings.unstableThreshold, settings.unstableDays)[store.locale]}` }, now));
    }
  }

  const d1 = db.$client;
  const setFlag = (ids: string[], value: boolean) => (ids.length ? [d1.prepare('update agents set unstable = ?, updated_at = ? where store_id = ? and id in (select value from json_each(?))').bind(value ? 1 : 0, now, storeId, JSON.stringify(ids))] : []);
  await d1.batch([
    ...bulk(d1, 'insert into coaching_cards', CARD_COLUMNS, cardRows, CARD_UPSERT),
    ...setFlag(flagOn, true),
    ...setFlag(flagOff, false),
    ...bulk(d1, 'insert or ignore into coaching_tasks', ['id', 'store_id', 'agent_id', 'reason', 'date', 'status', 'created_at'], taskRows),
    ...bulk(d1, 'insert into audit_log', AUDIT_COLUMNS, audits),
  ]);
  return result;
}

/** Right after a review is submitted: once it was the agent's last one of the day, their card is made. */
export async function cardAfterReview(db: Db, archive: R2Bucket, storeId: string, reviewId: string, now: number) {
  const review = await db.select({ agentId: reviews.agentId, date: reviews.sampleDate, blind: reviews.blind }).from(reviews).where(and(eq(reviews.id, reviewId), eq(reviews.storeId, storeId))).get();
  if (!review || review.blind) return null;
  const left = await db
    .select({ id: reviews.id })
    .from(reviews)
    .where(and(eq(reviews.storeId, storeId), eq(reviews.agentId, review.agentId), eq(reviews.sampleDate, review.date), eq(reviews.blind, false), eq(reviews.status, 'pending')))
    .limit(1)
    .get();
  return left ? null : runCardsJob(db, archive, storeId, review.date, now, { agentIds: [review.agentId] });
}
