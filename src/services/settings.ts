import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { stores } from '../db/schema';
import { notFound } from '../domain/errors';
import { keywordOverridesSchema } from '../qa/keywords';
import { samplingPolicySchema } from '../sampling/types';
import { auditInsert, type Actor } from './audit';

/** Report figures: the pass mark of a review, and the reviews a month an agent needs to be a service star. */
export const reportSettingsSchema = z.object({
  passScore: z.number().min(0).max(100).default(80),
  serviceStarMinReviews: z.number().int().min(1).max(1000).default(20),
});

/** When an agent is flagged unstable (SPEC §2.7): average below `unstableScore` on `unstableDays` days running. */
export const flagSettingsSchema = z.object({
  unstableScore: z.number().min(0).max(100).default(80),
  unstableDays: z.number().int().min(1).max(14).default(2),
});

/** A store's settings. Stored as JSON; absent keys take these defaults, so new settings need no migration. */
export const storeSettingsSchema = z.object({
  // (keyword lists and the sampling policy live beside these in the same JSON; see settingsView)
  /** Mask phone numbers and e-mail addresses in message text before storage (SPEC §9). */
  maskPii: z.boolean().default(true),
  /** Minutes without a message after which an open conversation ends. */
  idleTimeoutMinutes: z.number().int().min(5).max(24 * 60).default(30),
  /** Days a conversation is kept. */
  retentionDays: z.number().int().min(1).max(3650).default(180),
  /** Link domains agents may send without it counting as off-platform diversion. */
  allowedDomains: z.array(z.string().min(1)).default([]),
  reports: reportSettingsSchema.default(reportSettingsSchema.parse({})),
  flags: flagSettingsSchema.default(flagSettingsSchema.parse({})),
});
export type StoreSettings = z.infer<typeof storeSettingsSchema>;

export function readSettings(raw: unknown): StoreSettings {
  const parsed = storeSettingsSchema.safeParse(raw ?? {});
  // A stored value that no longer parses (an old shape) falls back to defaults rather than failing ingest.
  return parsed.success ? parsed.data : storeSettingsSchema.parse({});
}

/** A change: any top-level setting, and any part of the nested ones (sampling, reports, flags). */
export const settingsPatchSchema = storeSettingsSchema
  .omit({ reports: true, flags: true })
  .partial()
  .extend({
    keywords: keywordOverridesSchema.optional(),
    sampling: samplingPolicySchema.partial().optional(),
    reports: reportSettingsSchema.partial().optional(),
    flags: flagSettingsSchema.partial().optional(),
  });
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export function settingsView(raw: Record<string, unknown>) {
  return {
    ...storeSettingsSchema.parse({ ...raw, keywords: undefined, sampling: undefined }),
    keywords: keywordOverridesSchema.catch({}).parse(raw.keywords ?? {}),
    sampling: samplingPolicySchema.parse(raw.sampling ?? {}),
  };
}

export async function rawSettings(db: Db, storeId: string) {
  const store = await db.select({ settings: stores.settings }).from(stores).where(eq(stores.id, storeId)).get();
  if (!store) throw notFound('Store');
  return (store.settings ?? {}) as Record<string, unknown>;
}

const NESTED = ['sampling', 'reports', 'flags'] as const;

/** Applies a change and records it in the audit log (what each changed key was, and became) in one batch. */
export async function updateSettings(db: Db, storeId: string, patch: SettingsPatch, actor: Actor, now: number) {
  const current = await rawSettings(db, storeId);
  const next: Record<string, unknown> = { ...current, ...patch };
  for (const key of NESTED) if (patch[key]) next[key] = { ...((current[key] as object) ?? {}), ...patch[key] };
  const changed = Object.keys(patch).filter((k) => JSON.stringify(current[k]) !== JSON.stringify(next[k]));
  if (changed.length) {
    const before = Object.fromEntries(changed.map((k) => [k, current[k] ?? null]));
    const after = Object.fromEntries(changed.map((k) => [k, next[k]]));
    await db.batch([
      db.update(stores).set({ settings: next }).where(eq(stores.id, storeId)),
      auditInsert(db, storeId, now, { actor, entityType: 'settings', entityId: storeId, action: 'settings_changed', before, after }),
    ]);
  }
  return settingsView(next);
}
