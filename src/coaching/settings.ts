import { z } from 'zod';

const localized = z.object({ 'zh-CN': z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) });
const itemId = z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, 'lower-case letters, digits and _');

/** The coaching part of a store's settings (`settings.coaching`); every field has the spec's default. */
export const coachingSettingsSchema = z.object({
  /** An agent whose reviewed average is below this on `unstableDays` consecutive reviewed days is unstable. */
  unstableThreshold: z.number().min(0).max(100).default(80),
  unstableDays: z.number().int().min(1).max(7).default(2),
  /** Store-local hour from which a day's cards are made even while some of its reviews are pending. */
  cardHour: z.number().int().min(0).max(23).default(18),
  /** Good examples show agent tokens other agents' names unless this is on. */
  hideNamesInGoodExamples: z.boolean().default(false),
  starsMinReviews: z.number().int().min(1).max(500).default(10),
  starsCount: z.number().int().min(1).max(50).default(5),
  /** The store's own suggestion per scorecard item; items absent take the default library. */
  suggestions: z.record(itemId, localized).default({}),
});
export type CoachingSettings = z.infer<typeof coachingSettingsSchema>;

/** A change: any subset; `suggestions` merges per item and `null` restores an item's default. */
export const coachingSettingsPatch = z
  .strictObject({
    unstableThreshold: coachingSettingsSchema.shape.unstableThreshold.unwrap().optional(),
    unstableDays: coachingSettingsSchema.shape.unstableDays.unwrap().optional(),
    cardHour: coachingSettingsSchema.shape.cardHour.unwrap().optional(),
    hideNamesInGoodExamples: coachingSettingsSchema.shape.hideNamesInGoodExamples.unwrap().optional(),
    starsMinReviews: coachingSettingsSchema.shape.starsMinReviews.unwrap().optional(),
    starsCount: coachingSettingsSchema.shape.starsCount.unwrap().optional(),
    suggestions: z.record(itemId, localized.nullable()).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });
export type CoachingSettingsPatch = z.infer<typeof coachingSettingsPatch>;

/** The stored value with defaults; a value that no longer parses falls back to the defaults. */
export function readCoachingSettings(raw: unknown): CoachingSettings {
  const parsed = coachingSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : coachingSettingsSchema.parse({});
}

export function applyCoachingPatch(current: CoachingSettings, patch: CoachingSettingsPatch): CoachingSettings {
  const { suggestions, ...rest } = patch;
  const merged = { ...current.suggestions };
  for (const [id, words] of Object.entries(suggestions ?? {})) {
    if (words === null) delete merged[id];
    else merged[id] = words;
  }
  return { ...current, ...rest, suggestions: merged };
}
