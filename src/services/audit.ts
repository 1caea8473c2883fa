import { and, desc, eq, gte, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { auditLog } from '../db/schema';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, type AuditAction, type AuditActorKind, type AuditEntityType } from '../domain/enums';
import { AppError } from '../domain/errors';
import { newId } from '../lib/ids';

export type AuditRow = typeof auditLog.$inferSelect;

/** Who did it: the API key (sub = its id), a widget user, the operator, or a job. */
export interface Actor {
  kind: AuditActorKind;
  role: string | null;
  sub: string | null;
}
export const SYSTEM: Actor = { kind: 'system', role: null, sub: null };
export const OPERATOR: Actor = { kind: 'operator', role: null, sub: null };

export interface AuditEntry {
  actor: Actor;
  entityType: AuditEntityType;
  entityId: string;
  action: AuditAction;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** The insert for one audit entry: put it in the same batch as the change it records. */
export function auditInsert(db: Db, storeId: string, at: number, e: AuditEntry) {
  return db.insert(auditLog).values({
    id: newId('aud'),
    storeId,
    at,
    actorKind: e.actor.kind,
    actorRole: e.actor.role,
    actorSub: e.actor.sub,
    entityType: e.entityType,
    entityId: e.entityId,
    action: e.action,
    before: e.before ?? null,
    after: e.after ?? null,
    reason: e.reason ?? null,
  });
}

export const auditQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  entityType: z.enum(AUDIT_ENTITY_TYPES).optional(),
  entityId: z.string().min(1).max(200).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditView = (r: AuditRow) => ({
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

function decodeCursor(cursor: string): { at: number; id: string } {
  const [at, id] = cursor.split('.');
  if (!at || !id || !/^\d+$/.test(at)) throw new AppError('invalid_request', 'cursor is not one this API returned', 'cursor');
  return { at: Number(at), id };
}

/** Newest first, in pages; the cursor is the last entry's time and id. */
export async function listAudit(db: Db, storeId: string, q: AuditQuery) {
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.storeId, storeId),
        q.from ? gte(auditLog.at, Date.parse(q.from)) : undefined,
        q.to ? lt(auditLog.at, Date.parse(q.to)) : undefined,
        q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
        q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
        q.action ? eq(auditLog.action, q.action) : undefined,
        cursor ? or(lt(auditLog.at, cursor.at), and(eq(auditLog.at, cursor.at), lt(auditLog.id, cursor.id))) : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { data: page.map(auditView), nextCursor: rows.length > q.limit && last ? `${last.at}.${last.id}` : null };
}
