import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { redactColleagues } from '../coaching/redact';
import type { Localized } from '../coaching/types';
import type { Db } from '../db/client';
import { transcriptsOf } from '../archive/transcripts';
import { agents, conversations, reviews } from '../db/schema';
import { notFound } from '../domain/errors';
import { scorecardItems, type StoredReviewItem } from './card-inputs';
import { colleagueNames, type CoachingScope } from './coaching-scope';
import { coachingSettingsOf } from './coaching-settings';

export const goodExamplesQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

/** Which team's examples the caller sees: an agent their own team's (praise in public), a lead theirs, others the store's. */
async function teamOf(db: Db, storeId: string, scope: CoachingScope): Promise<string | null> {
  if (scope.team !== null) return scope.team;
  if (scope.agentId === null) return null;
  const me = await db.select({ team: agents.team }).from(agents).where(and(eq(agents.id, scope.agentId), eq(agents.storeId, storeId))).get();
  return me?.team ?? null;
}

async function rowsFor(db: Db, storeId: string, scope: CoachingScope, limit: number, reviewId?: string) {
  const team = await teamOf(db, storeId, scope);
  return db
    .select({ r: reviews, agentName: agents.name, phase: conversations.phaseTag })
    .from(reviews)
    .innerJoin(agents, eq(agents.id, reviews.agentId))
    .leftJoin(conversations, eq(conversations.id, reviews.conversationId))
    .where(
      and(
        eq(reviews.storeId, storeId),
        eq(reviews.goodExample, true),
        eq(reviews.status, 'submitted'),
        eq(reviews.blind, false),
        team !== null ? eq(agents.team, team) : undefined,
        reviewId ? eq(reviews.id, reviewId) : undefined,
      ),
    )
    .orderBy(desc(reviews.sampleDate), desc(reviews.submittedAt))
    .limit(limit);
}

/** The team's good examples: names of other agents hidden from agents when the store says so. */
export async function listGoodExamples(db: Db, storeId: string, scope: CoachingScope, limit: number, reviewId?: string) {
  const hidden = scope.role === 'agent' && (await coachingSettingsOf(db, storeId)).hideNamesInGoodExamples;
  const rows = await rowsFor(db, storeId, scope, limit, reviewId);
  const items = await scorecardItems(db, storeId, rows.map((x) => x.r.scorecardId).filter((x): x is string => !!x));
  const data = rows.map(({ r, agentName, phase }) => {
    const own = scope.agentId === r.agentId;
    const card = r.scorecardId ? items.get(r.scorecardId) : undefined;
    const passed = ((r.items ?? []) as StoredReviewItem[]).filter((i) => i.outcome === 'pass').map((i) => card?.get(i.itemId)?.name).filter((n): n is Localized => !!n);
    return { reviewId: r.id, conversationId: r.conversationId, date: r.sampleDate, phase, agentId: hidden && !own ? null : r.agentId, agentName: hidden && !own ? null : agentName, own, score: r.score ?? 0, comment: r.comment, passedItems: passed };
  });
  return { namesHidden: hidden, data };
}

/** One good example with its transcript: no customer identity, no risk, no hidden names. */
export async function getGoodExample(db: Db, archive: R2Bucket, storeId: string, scope: CoachingScope, reviewId: string) {
  const list = await listGoodExamples(db, storeId, scope, 1, reviewId);
  const example = list.data.find((e) => e.reviewId === reviewId);
  if (!example) throw notFound('Good example');
  // The transcript wherever it is (D1 while hot, the archive after), in its own time order.
  const rows = ((await transcriptsOf(db, archive, storeId, [example.conversationId])).get(example.conversationId)?.messages ?? []).filter((m) => !m.internal);
  const others = list.namesHidden ? await colleagueNames(db, storeId, scope.agentId) : [];
  return {
    ...example,
    messages: rows.map((m) => ({ id: m.id, role: m.role, text: redactColleagues(m.text, others), createdAt: new Date(m.sentAt).toISOString(), own: scope.agentId !== null && m.agentId === scope.agentId })),
  };
}
