import { and, asc, eq, gt, gte, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { isoDay, DAYS_IN_ORDER } from '../domain/dates';
import type { Db } from '../db/client';
import { agents, auditLog, reviewers } from '../db/schema';
import { UI_LOCALES } from '../domain/enums';
import { addDays, localDateTime, localMidnight } from '../lib/time';
import { csvStream, type CsvValue } from '../reports/csv';
import { ACTOR_WORDS, AUDIT_ACTION_WORDS, AUDIT_COLUMNS, columns, ENTITY_WORDS } from '../reports/words';
import { exportContext } from './exports';

export const auditExportQuery = z
  .object({ from: isoDay(), to: isoDay(), lang: z.enum(UI_LOCALES).optional() })
  .refine((q) => q.from <= q.to, DAYS_IN_ORDER);

const PAGE = 500;
const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

/** The audit log of a run of local days as CSV, oldest first, in the store's local time. */
export async function auditCsv(db: Db, storeId: string, q: z.infer<typeof auditExportQuery>) {
  const { timezone, locale } = await exportContext(db, storeId, q.lang);
  const start = localMidnight(q.from, timezone);
  const end = localMidnight(addDays(q.to, 1), timezone);
  const actors = ACTOR_WORDS[locale];
  // A QA token's sub is the reviewer's id: the file names the reviewer (the id after, for the API's audit).
  const reviewerNames = new Map((await db.select({ id: reviewers.id, name: reviewers.name }).from(reviewers).where(eq(reviewers.storeId, storeId))).map((r) => [r.id, r.name]));
  // An agent the entry is about is named too (a flag changed on 郑爽, not on ag_4tjb…).
  const agentNames = new Map((await db.select({ id: agents.id, name: agents.name }).from(agents).where(eq(agents.storeId, storeId))).map((a) => [a.id, a.name]));
  const subject = (r: typeof auditLog.$inferSelect) => {
    const kind = ENTITY_WORDS[locale][r.entityType] ?? r.entityType;
    const name = r.entityType === 'agent' ? agentNames.get(r.entityId) : undefined;
    return name ? `${kind} ${name} (${r.entityId})` : `${kind} ${r.entityId}`;
  };
  const who = (r: typeof auditLog.$inferSelect) => {
    const kind = r.actorKind === 'widget' ? actors[(r.actorRole ?? 'manager') as keyof typeof actors] ?? r.actorRole : actors[r.actorKind];
    const name = r.actorRole === 'qa' && r.actorSub ? reviewerNames.get(r.actorSub) : undefined;
    return name ? `${kind} ${name} (${r.actorSub})` : r.actorSub ? `${kind} ${r.actorSub}` : kind;
  };
  async function* pages(): AsyncGenerator<CsvValue[][]> {
    let after: { at: number; id: string } | null = null;
    for (;;) {
      const rows: (typeof auditLog.$inferSelect)[] = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.storeId, storeId), gte(auditLog.at, after?.at ?? start), lt(auditLog.at, end), after ? or(gt(auditLog.at, after.at), gt(auditLog.id, after.id)) : undefined))
        .orderBy(asc(auditLog.at), asc(auditLog.id))
        .limit(PAGE);
      if (!rows.length) return;
      yield rows.map((r) => [localDateTime(r.at, timezone), who(r), AUDIT_ACTION_WORDS[locale][r.action] ?? r.action, subject(r), json(r.before), json(r.after), r.reason ?? '']);
      if (rows.length < PAGE) return;
      after = { at: rows.at(-1)!.at, id: rows.at(-1)!.id };
    }
  }
  return { stream: csvStream(columns(locale, AUDIT_COLUMNS), pages()), filename: `shopqa-audit-${q.from}-${q.to}.csv` };
}
