import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { isNewHire } from '../sampling/quota';
import { unstableText } from '../coaching/wording';
import type { Db } from '../db/client';
import { agents, coachingTasks, stores } from '../db/schema';
import { TASK_STATUSES } from '../domain/enums';
import { AppError, notFound } from '../domain/errors';
import { newId } from '../lib/ids';
import { localDate } from '../lib/time';
import { auditInsert, auditOnChange } from './audit';
import { actorOf, inChunks, visibleAgent, visibleAgents, type CoachingScope } from './coaching-scope';
import { coachingSettingsOf } from './coaching-settings';
import { readSettings } from './settings';

export const taskListQuery = z.object({ status: z.enum(TASK_STATUSES).optional(), agentId: z.string().min(1).max(200).optional() });
export const taskDoneInput = z.object({ note: z.string().trim().min(1).max(2000) });
export const flagsInput = z
  .object({ excellent: z.boolean().optional(), unstable: z.boolean().optional(), reason: z.string().trim().min(1).max(500).optional() })
  .refine((v) => v.excellent !== undefined || v.unstable !== undefined, { message: 'Give excellent or unstable' });

type TaskRow = typeof coachingTasks.$inferSelect;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function taskView(t: TaskRow, agent: { name: string; team: string | null }, threshold: number, days: number) {
  return {
    id: t.id,
    agentId: t.agentId,
    agentName: agent.name,
    team: agent.team,
    reason: t.reason,
    reasonText: unstableText(t.reason, threshold, days),
    date: t.date,
    status: t.status,
    createdAt: iso(t.createdAt)!,
    doneAt: iso(t.doneAt),
    note: t.note,
    doneBy: t.doneAt ? { role: t.doneByRole ?? 'api_key', sub: t.doneBySub } : null,
  };
}

/** The 1:1 coaching tasks of the agents in scope, open first. */
export async function listTasks(db: Db, storeId: string, scope: CoachingScope, q: z.infer<typeof taskListQuery>) {
  const visible = await visibleAgents(db, storeId, scope, q.agentId);
  const by = new Map(visible.map((a) => [a.id, a]));
  const settings = await coachingSettingsOf(db, storeId);
  const rows = await inChunks(visible.map((a) => a.id), (chunk) =>
    db.select().from(coachingTasks).where(and(eq(coachingTasks.storeId, storeId), inArray(coachingTasks.agentId, chunk), q.status ? eq(coachingTasks.status, q.status) : undefined)).orderBy(desc(coachingTasks.createdAt)).limit(500),
  );
  rows.sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open') || b.createdAt - a.createdAt);
  return { data: rows.map((t) => taskView(t, by.get(t.agentId)!, settings.unstableThreshold, settings.unstableDays)) };
}

/** The lead marks a 1:1 session done, with a note of what was agreed. */
export async function completeTask(db: Db, storeId: string, scope: CoachingScope, id: string, note: string, now: number) {
  const task = await db.select().from(coachingTasks).where(and(eq(coachingTasks.id, id), eq(coachingTasks.storeId, storeId))).get();
  if (!task) throw notFound('Coaching task');
  const agent = await visibleAgent(db, storeId, scope, task.agentId).catch(() => null);
  if (!agent) throw notFound('Coaching task');
  if (task.status === 'done') throw new AppError('conflict', 'This coaching task is already done');
  const done = db
    .update(coachingTasks)
    .set({ status: 'done', note, doneAt: now, doneByRole: scope.role, doneBySub: scope.sub })
    .where(and(eq(coachingTasks.id, id), eq(coachingTasks.status, 'open')))
    .toSQL();
  const [written] = await db.$client.batch([
    db.$client.prepare(done.sql).bind(...done.params),
    auditOnChange(db, storeId, actorOf(scope), { entityType: 'coaching_task', entityId: id, action: 'task_done', before: { status: 'open' }, after: { status: 'done' }, reason: note }, now),
  ]);
  if (!written?.meta.changes) throw new AppError('conflict', 'This coaching task is already done');
  const settings = await coachingSettingsOf(db, storeId);
  return taskView((await db.select().from(coachingTasks).where(eq(coachingTasks.id, id)).get())!, agent, settings.unstableThreshold, settings.unstableDays);
}

/**
 * A manager sets the excellent list or an unstable flag by hand (audited). Flagging unstable also opens a
 * 1:1 task unless one is open; `agents.unstable` is the flag the sampler reads.
 */
export async function setFlags(db: Db, storeId: string, scope: CoachingScope, agentId: string, input: z.infer<typeof flagsInput>, now: number) {
  const agent = await visibleAgent(db, storeId, scope, agentId);
  const store = (await db.select({ timezone: stores.timezone, settings: stores.settings }).from(stores).where(eq(stores.id, storeId)).get())!;
  const before = { excellent: agent.excellent, unstable: agent.unstable };
  const after = { excellent: input.excellent ?? agent.excellent, unstable: input.unstable ?? agent.unstable };
  const today = localDate(now, store.timezone);
  const writes = [
    db.update(agents).set({ ...after, updatedAt: now }).where(and(eq(agents.id, agent.id), eq(agents.storeId, storeId))),
    auditInsert(db, storeId, actorOf(scope), { entityType: 'agent', entityId: agent.id, action: 'flag_changed', before, after, reason: input.reason ?? null }, now),
  ];
  if (after.unstable && !before.unstable) writes.push(db.insert(coachingTasks).values({ id: newId('task'), storeId, agentId: agent.id, reason: 'manual', date: today, status: 'open', createdAt: now }).onConflictDoNothing() as never);
  await db.batch(writes as [(typeof writes)[number], ...typeof writes]);
  const policy = readSettings(store.settings).sampling;
  return { agentId: agent.id, flags: { newHire: isNewHire({ hiredAt: agent.hiredAt }, today, policy), ...after } };
}
