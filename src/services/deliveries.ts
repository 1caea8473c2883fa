/** What the queue consumer did with a connection's deliveries, from its per-day counts. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { deadDeliveries, deliveryCounts, deliveryWarnings } from '../db/schema';

/** Counts of what a connection has delivered: how a manager sees whether a platform is sending. */
export async function deliveryStats(db: Db, storeId: string, connectionId: string) {
  const row = await db
    .select({
      processed: sql<number>`coalesce(sum(${deliveryCounts.processed}), 0)`,
      ignored: sql<number>`coalesce(sum(${deliveryCounts.ignored}), 0)`,
      dead: sql<number>`coalesce(sum(${deliveryCounts.dead}), 0)`,
      failedTries: sql<number>`coalesce(sum(${deliveryCounts.failedTries}), 0)`,
      ignoredTypes: sql<number>`coalesce(sum(${deliveryCounts.ignoredTypes}), 0)`,
      last: sql<number | null>`max(${deliveryCounts.lastReceivedAt})`,
    })
    .from(deliveryCounts)
    .where(and(eq(deliveryCounts.storeId, storeId), eq(deliveryCounts.connectionId, connectionId)))
    .get();
  const warned = await db
    .select({ warnings: deliveryWarnings.warnings, receivedAt: deliveryWarnings.receivedAt })
    .from(deliveryWarnings)
    .where(and(eq(deliveryWarnings.storeId, storeId), eq(deliveryWarnings.connectionId, connectionId)))
    .orderBy(desc(deliveryWarnings.receivedAt))
    .limit(5);
  return {
    // Deliveries the consumer has settled, by outcome (the webhook itself writes nothing, so a
    // delivery still on the queue is not counted yet).
    deliveries: { processed: row?.processed ?? 0, ignored: row?.ignored ?? 0, dead: row?.dead ?? 0 },
    failedTries: row?.failedTries ?? 0,
    ignoredEventTypes: row?.ignoredTypes ?? 0,
    lastDeliveryAt: row?.last ? new Date(row.last).toISOString() : null,
    // Odd values stored anyway (an unreadable rating, a time in year 9999): the latest few, to fix at the source.
    recentWarnings: warned.flatMap((w) => w.warnings.map((message) => ({ receivedAt: new Date(w.receivedAt).toISOString(), message }))).slice(0, 10),
  };
}

/** Dead deliveries of a connection received in [from, to): where their archived copies are. */
export function deadDeliveriesOf(db: Db, storeId: string, connectionId: string, from: number, to: number) {
  return db
    .select({ uid: deadDeliveries.uid, archiveKey: deadDeliveries.archiveKey, receivedAt: deadDeliveries.receivedAt })
    .from(deadDeliveries)
    .where(
      and(
        eq(deadDeliveries.storeId, storeId),
        eq(deadDeliveries.connectionId, connectionId),
        sql`${deadDeliveries.receivedAt} >= ${from} and ${deadDeliveries.receivedAt} < ${to}`,
      ),
    );
}
