import { z } from 'zod';

/** A store's settings. Stored as JSON; absent keys take these defaults, so new settings need no migration. */
export const storeSettingsSchema = z.object({
  // (keyword lists live beside these in the same JSON; see src/qa/keywords.ts)
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
  allowedDomains: z.array(z.string().min(1)).default([]),
});
export type StoreSettings = z.infer<typeof storeSettingsSchema>;

export function readSettings(raw: unknown): StoreSettings {
  const parsed = storeSettingsSchema.safeParse(raw ?? {});
  // A stored value that no longer parses (an old shape) falls back to defaults rather than failing ingest.
  return parsed.success ? parsed.data : storeSettingsSchema.parse({});
}
