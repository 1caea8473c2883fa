/**
 * The audit log: who changed what, when, from what to what, and why. Append-only. Its shape is the
 * AuditEntry of docs/coaching-api.md, so score changes from disputes and the changes recorded here
 * (settings, scorecards, keys, erasures) are one log.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { AUDIT_ACTIONS, AUDIT_ACTOR_KINDS, AUDIT_ENTITY_TYPES } from '../../domain/enums';
import { stores } from './stores';

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    /** When: epoch ms. */
    at: integer('at').notNull(),
    /** Who: the API key (sub = key id), a widget user (role and token sub), the operator, or the system (a job). */
    actorKind: text('actor_kind', { enum: AUDIT_ACTOR_KINDS }).notNull(),
    actorRole: text('actor_role'),
    actorSub: text('actor_sub'),
    /** What it was done to. */
    entityType: text('entity_type', { enum: AUDIT_ENTITY_TYPES }).notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    before: text('before', { mode: 'json' }).$type<unknown>(),
    after: text('after', { mode: 'json' }).$type<unknown>(),
    /** Why: the reason given (a dispute's reason or reply, an erasure's request reference…). */
    reason: text('reason'),
  },
  (t) => [index('audit_log_store_at').on(t.storeId, t.at), index('audit_log_entity').on(t.storeId, t.entityType, t.entityId)],
);
