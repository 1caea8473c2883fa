import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { FROM_BEFORE_TO, fromBeforeTo, isoInstant } from '../domain/dates';
import type { Db } from '../db/client';
import { auditLog } from '../db/schema';
import { AUDIT_ENTITIES, type AuditAction, type AuditEntity } from '../domain/enums';
import { AppError } from '../domain/errors';
import { newId } from '../lib/ids';
import type { Actor } from './coaching-scope';

export interface AuditEntryInput {
  entityType: AuditEntity;
  entityId: string;
  action: AuditAction;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** The insert of one audit entry, to go in the same batch as the change it records. */
export function auditInsert(db: Db, storeId: string, actor: Actor, entry: AuditEntryInput, at: number) {
  return db.insert(auditLog).values({ id: newId('aud'), storeId, at, actorKind: actor.kind, actorRole: actor.role, actorSub: actor.sub, ...entry });
}

/**
 * The insert of one audit entry that happens only if the statement just before it in the same D1 batch
 * changed exactly one row (SQLite's changes()): a conditional write and its audit stay one atomic step.
 */
export function auditOnChange(db: Db, storeId: string, actor: Actor, entry: AuditEntryInput, at: number): D1PreparedStatement {
  const values = auditRow(storeId, actor, entry, at);
  return db.$client
    .prepare(`insert into audit_log (${AUDIT_COLUMNS.join(', ')}) select ${values.map(() => '?').join(', ')} where changes() = 1`)
    .bind(...values);
}

/** Rows for a bulk insert through json_each (one bound parameter for many entries). */
export function auditRow(storeId: string, actor: Actor, entry: AuditEntryInput, at: number): unknown[] {
  return [newId('aud'), storeId, at, actor.kind, actor.role, actor.sub, entry.entityType, entry.entityId, entry.action, JSON.stringify(entry.before ?? null), JSON.stringify(entry.after ?? null), entry.reason];
}
export const AUDIT_COLUMNS = ['id', 'store_id', 'at', 'actor_kind', 'actor_role', 'actor_sub', 'entity_type', 'entity_id', 'action', 'before', 'after', 'reason'];

export const auditQuery = z.object({
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  entityType: z.enum(AUDIT_ENTITIES).optional(),
  entityId: z.string().min(1).max(200).optional(),
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).refine(fromBeforeTo, FROM_BEFORE_TO);

type Row = typeof auditLog.$inferSelect;

export const auditView = (r: Row) => ({
  id: r.id,
  at: new Date(r.at).toISOString(),
  actor: { kind: r.actorKind, role: r.actorRole, sub: r.actorSub },
  entityType: r.entityType,
  entityId: r.entityId,
  action: r.action,
  before: r.before ?? null,
  after: r.after ?? null,
  reason: r.reason,
});

function cursorOf(cursor: string): { at: number; id: string } {
  const [at, id] = cursor.split('.');
  if (!at || !id || !/^\d+$/.test(at)) throw new AppError('invalid_request', 'cursor is not one this API returned', 'cursor');
  return { at: Number(at), id };
}

/** The store's audit log, newest first, a page at a time. */
export async function listAudit(db: Db, storeId: string, q: z.infer<typeof auditQuery>) {
  const c = q.cursor ? cursorOf(q.cursor) : null;
  const where: (SQL | undefined)[] = [
    eq(auditLog.storeId, storeId),
    q.from ? gte(auditLog.at, Date.parse(q.from)) : undefined,
    q.to ? lt(auditLog.at, Date.parse(q.to)) : undefined,
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    c ? or(lt(auditLog.at, c.at), and(eq(auditLog.at, c.at), lt(auditLog.id, c.id))) : undefined,
  ];
  const rows = await db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { data: page.map(auditView), nextCursor: rows.length > q.limit && last ? `${last.at}.${last.id}` : null };
}
