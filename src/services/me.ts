import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agents, stores } from '../db/schema';
import { notFound } from '../domain/errors';
import { addDays, localDate } from '../lib/time';
import type { CoachingScope } from './coaching-scope';

/** Who the caller is and the store's today and yesterday: the widget never takes these from the browser's clock. */
export async function whoAmI(db: Db, storeId: string, scope: CoachingScope, now: number) {
  const store = await db.select({ id: stores.id, name: stores.name, timezone: stores.timezone, locale: stores.locale }).from(stores).where(eq(stores.id, storeId)).get();
  if (!store) throw notFound('Store');
  const agent = scope.agentId ? await db.select({ name: agents.name, team: agents.team }).from(agents).where(and(eq(agents.id, scope.agentId), eq(agents.storeId, storeId))).get() : undefined;
  const today = localDate(now, store.timezone);
  return {
    role: scope.role,
    sub: scope.sub,
    agentId: scope.agentId,
    agentName: agent?.name ?? null,
    team: scope.team ?? agent?.team ?? null,
    reviewerId: scope.role === 'qa' ? scope.sub : null,
    store,
    today,
    yesterday: addDays(today, -1),
  };
}
