import { and, eq } from 'drizzle-orm';
import { applyCoachingPatch, type CoachingSettings, type CoachingSettingsPatch } from '../coaching/settings';
import { DEFAULT_SUGGESTIONS, suggestionFor } from '../coaching/suggestions';
import type { Db } from '../db/client';
import { scorecards, stores } from '../db/schema';
import type { Scorecard } from '../qa/scorecard';
import { auditInsert } from './audit';
import type { Actor } from './coaching-scope';
import { getSettings } from './settings';

export async function coachingSettingsOf(db: Db, storeId: string): Promise<CoachingSettings> {
  return (await getSettings(db, storeId)).coaching;
}
/** The settings as shown: every active scorecard item with its suggestion, the store's or the default. */
async function view(db: Db, storeId: string, settings: CoachingSettings) {
  const cards = await db.select({ definition: scorecards.definition }).from(scorecards).where(and(eq(scorecards.storeId, storeId), eq(scorecards.active, true)));
  const names = new Map<string, Scorecard['categories'][number]['items'][number]>();
  for (const c of cards) for (const cat of (c.definition as Scorecard).categories) for (const i of cat.items) if (!names.has(i.id)) names.set(i.id, i);
  const ids = [...new Set([...names.keys(), ...Object.keys(settings.suggestions)])];
  const { suggestions: _own, ...rest } = settings;
  return {
    ...rest,
    suggestions: ids.map((id) => {
      const item = names.get(id);
      const own = settings.suggestions[id];
      const fallback = item ? suggestionFor(item, {}) : (DEFAULT_SUGGESTIONS[id] ?? { 'zh-CN': '', en: '' });
      return { itemId: id, itemName: item?.name ?? null, suggestion: own ?? fallback, source: own ? ('store' as const) : ('default' as const) };
    }),
  };
}

export async function getCoachingSettings(db: Db, storeId: string) {
  return view(db, storeId, await coachingSettingsOf(db, storeId));
}

/** Changes the coaching settings (thresholds, card hour, names, stars, suggestion library), audited. */
export async function patchCoachingSettings(db: Db, storeId: string, patch: CoachingSettingsPatch, actor: Actor, now: number) {
  const current = await getSettings(db, storeId);
  const before = current.coaching;
  const after = applyCoachingPatch(before, patch);
  await db.batch([
    db.update(stores).set({ settings: { ...current, coaching: after } }).where(eq(stores.id, storeId)),
    auditInsert(db, storeId, actor, { entityType: 'settings', entityId: storeId, action: 'settings_changed', before: { coaching: before }, after: { coaching: after }, reason: null }, now),
  ]);
  return view(db, storeId, after);
}
