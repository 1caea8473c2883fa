import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { agents, reviewers } from '../db/schema';
import { AppError, notFound } from '../domain/errors';
import { newId } from '../lib/ids';

export const reviewerInput = z.object({
  name: z.string().trim().min(1).max(200),
  /** Set when the reviewer also answers chats, so they are never given their own conversations. */
  agentId: z.string().min(1).nullable().optional(),
  active: z.boolean().optional(),
});
export const reviewerPatch = reviewerInput.partial().refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });

type ReviewerRow = typeof reviewers.$inferSelect;
export const reviewerView = (r: ReviewerRow) => ({ id: r.id, name: r.name, agentId: r.agentId, active: r.active });

async function assertAgent(db: Db, storeId: string, agentId: string | null | undefined) {
  if (!agentId) return;
  const row = await db.select({ id: agents.id }).from(agents).where(and(eq(agents.id, agentId), eq(agents.storeId, storeId))).get();
  if (!row) throw new AppError('not_found', 'Agent not found', 'agentId');
}

export async function listReviewers(db: Db, storeId: string) {
  const rows = await db.select().from(reviewers).where(eq(reviewers.storeId, storeId)).orderBy(asc(reviewers.name), asc(reviewers.id));
  return rows.map(reviewerView);
}

export async function getReviewer(db: Db, storeId: string, id: string) {
  const row = await db.select().from(reviewers).where(and(eq(reviewers.id, id), eq(reviewers.storeId, storeId))).get();
  if (!row) throw notFound('Reviewer');
  return reviewerView(row);
}

export async function createReviewer(db: Db, storeId: string, input: z.infer<typeof reviewerInput>) {
  await assertAgent(db, storeId, input.agentId);
  const id = newId('rv');
  await db.insert(reviewers).values({ id, storeId, name: input.name, agentId: input.agentId ?? null, active: input.active ?? true });
  return getReviewer(db, storeId, id);
}

export async function patchReviewer(db: Db, storeId: string, id: string, input: z.infer<typeof reviewerPatch>) {
  await getReviewer(db, storeId, id);
  await assertAgent(db, storeId, input.agentId);
  await db.update(reviewers).set(input).where(and(eq(reviewers.id, id), eq(reviewers.storeId, storeId)));
  return getReviewer(db, storeId, id);
}
