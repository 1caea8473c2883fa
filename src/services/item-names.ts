import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { scorecards } from '../db/schema';
import type { Scorecard } from '../qa/scorecard';

export interface ItemWords {
  'zh-CN': string;
  en: string;
  /** The category the item sits in, in both languages. */
  category: { 'zh-CN': string; en: string };
  maxPoints: number;
}

/** Scorecard item ids → their names, from every version of the store's scorecards (the newest name wins). */
export async function itemNames(db: Db, storeId: string): Promise<Map<string, ItemWords>> {
  const rows = await db.select({ definition: scorecards.definition }).from(scorecards).where(eq(scorecards.storeId, storeId)).orderBy(asc(scorecards.version));
  const out = new Map<string, ItemWords>();
  for (const row of rows) {
    for (const category of (row.definition as Scorecard).categories) {
      for (const item of category.items) out.set(item.id, { ...item.name, category: category.name, maxPoints: item.maxPoints });
    }
  }
  return out;
}
