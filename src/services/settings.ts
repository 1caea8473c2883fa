import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { stores } from '../db/schema';
import { notFound } from '../domain/errors';
import { keywordOverridesSchema, type KeywordOverrides } from '../qa/keywords';
import { samplingPolicySchema } from '../sampling/types';
import { applyCoachingPatch, coachingSettingsPatch, coachingSettingsSchema } from '../coaching/settings';
import { auditInsert } from './audit';
import { SYSTEM, type Actor } from './coaching-scope';

/**
 * A store's settings: read, defaulted, validated and merged here only. Stored as JSON; absent keys take
 * these defaults, so a new setting needs no migration.
 */
const plainSettings = {
  /** Mask phone numbers and e-mail addresses in message text before storage (SPEC §9). */
  maskPii: z.boolean().default(true),
  /** Minutes without a message after which an open conversation ends. */
  idleTimeoutMinutes: z.number().int().min(5).max(24 * 60).default(30),
  /** Days a conversation is kept. */
  retentionDays: z.number().int().min(1).max(3650).default(180),
  /**
   * Days an ended conversation's messages and evidence stay in D1 before its transcript moves to the
   * archive (R2): long enough for the daily job and that day's reviews (docs/scaling.md).
   */
  hotDays: z.number().int().min(1).max(30).default(3),
  /** Link domains agents may send without it counting as off-platform diversion. */
  allowedDomains: z.array(z.string().trim().min(1).max(253)).max(500).default([]),
  /** Scorecard item ids whose AutoQA judgement is switched off: AutoQA leaves them to the reviewer. */
  autoQaManualItems: z.array(z.string().regex(/^[a-z][a-z0-9_]{1,40}$/)).max(100).default([]),
};

/** Report figures: the score at or above which a review counts as passed (pass rate). */
export const reportSettingsSchema = z.object({
  passScore: z.number().min(0).max(100).default(80),
});

export const settingsSchema = z.object({
  ...plainSettings,
  reports: reportSettingsSchema.default(reportSettingsSchema.parse({})),
  /** The store's additions to and removals from the built-in keyword lists, per locale and list. */
  keywords: keywordOverridesSchema.default({}),
  sampling: samplingPolicySchema.default(samplingPolicySchema.parse({})),
  /** Flag thresholds, the card hour, good-example names, service stars and the suggestion library. */
  coaching: coachingSettingsSchema.default(coachingSettingsSchema.parse({})),
});
export type StoreSettings = z.infer<typeof settingsSchema>;

/** The fields of a shape without their defaults, each optional: a patch must not fill in what it does not name. */
function patchOf<T extends Record<string, z.ZodDefault<z.ZodType>>>(shape: T) {
  return z.strictObject(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.unwrap().optional()])) as { [K in keyof T]: z.ZodOptional<T[K]['def']['innerType']> });
}

/** A change: any subset, nested objects merged; unknown keys are refused, naming the field. */
export const settingsPatchSchema = patchOf(plainSettings)
  .extend({ keywords: keywordOverridesSchema.optional(), sampling: patchOf(samplingPolicySchema.shape).optional(), reports: patchOf(reportSettingsSchema.shape).optional(), coaching: coachingSettingsPatch.optional() })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

const DEFAULTS: StoreSettings = settingsSchema.parse({});

/** The stored JSON as settings with every default filled in. A stored value that no longer parses (an old shape) falls back to its default rather than failing ingest. */
export function readSettings(raw: unknown): StoreSettings {
  const parsed = settingsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const stored = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(settingsSchema.shape) as (keyof StoreSettings)[]) {
    const one = settingsSchema.shape[key].safeParse(stored[key]);
    out[key] = one.success ? one.data : DEFAULTS[key];
  }
  return out as StoreSettings;
}

/** Keyword overrides merged per locale and per list: patching `en.banned` keeps `en.greeting` and `zh-CN`. */
function mergeKeywords(current: KeywordOverrides, patch: KeywordOverrides): KeywordOverrides {
  const out: KeywordOverrides = { ...current };
  for (const [locale, lists] of Object.entries(patch)) out[locale] = { ...(current[locale] ?? {}), ...lists };
  return out;
}

/** Applies a validated patch: scalars replace, `sampling`, `reports`, `keywords` and `coaching` merge. */
export function mergeSettings(current: StoreSettings, patch: SettingsPatch): StoreSettings {
  const { keywords, sampling, reports, coaching, ...plain } = patch;
  return {
    ...current,
    ...plain,
    coaching: coaching ? applyCoachingPatch(current.coaching, coaching) : current.coaching,
    sampling: sampling ? { ...current.sampling, ...sampling } : current.sampling,
    reports: reports ? { ...current.reports, ...reports } : current.reports,
    keywords: keywords ? mergeKeywords(current.keywords, keywords) : current.keywords,
  };
}

export async function getSettings(db: Db, storeId: string): Promise<StoreSettings> {
  const store = await db.select({ settings: stores.settings }).from(stores).where(eq(stores.id, storeId)).get();
  if (!store) throw notFound('Store');
  return readSettings(store.settings);
}

/**
 * Applies a change and records it in the audit log, in one batch: each changed top-level key, what it
 * was and what it became. A change that changes nothing writes nothing.
 */
export async function updateSettings(db: Db, storeId: string, patch: SettingsPatch, actor: Actor = SYSTEM, now = Date.now()): Promise<StoreSettings> {
  const current = await getSettings(db, storeId);
  const next = mergeSettings(current, patch);
  const changed = (Object.keys(next) as (keyof StoreSettings)[]).filter((k) => JSON.stringify(current[k]) !== JSON.stringify(next[k]));
  if (!changed.length) return next;
  const pick = (s: StoreSettings) => Object.fromEntries(changed.map((k) => [k, s[k]]));
  await db.batch([
    db.update(stores).set({ settings: next }).where(eq(stores.id, storeId)),
    auditInsert(db, storeId, actor, { entityType: 'settings', entityId: storeId, action: 'settings_changed', before: pick(current), after: pick(next), reason: null }, now),
  ]);
  return next;
}
