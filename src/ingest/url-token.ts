import type { connections } from '../db/schema';
import { randomSecret, sha256Hex } from '../lib/ids';
import type { Platform } from './types';
import { timingSafeEqual } from './crypto';

/**
 * URL tokens, for platforms (or versions) that do not sign their webhooks: Crisp website hooks and
 * Chatwoot before 4.11.2. A long random value in the webhook URL stands in for the signature. It is
 * weaker — it travels in every request line and may end up in proxy logs, and it does not bind the body
 * or a time — so it is offered only there, never where the platform signs.
 */
export const URL_TOKEN_PLATFORMS: readonly Platform[] = ['crisp', 'chatwoot'];

/** How long a rotated-out token keeps working by default, so the platform's setting can be updated. */
export const DEFAULT_OVERLAP_MINUTES = 24 * 60;

/** 200 bits of randomness, URL-safe. */
export const newUrlToken = () => randomSecret('wht', 40);

export const hashUrlToken = (token: string) => sha256Hex(token);

type Connection = Pick<typeof connections.$inferSelect, 'urlTokenHash' | 'previousUrlTokenHash' | 'previousUrlTokenUntil'>;

/** Compares hashes in constant time: the current token, or the previous one within its overlap window. */
export async function urlTokenMatches(connection: Connection, token: string | undefined, now: number): Promise<boolean> {
  if (!token || !connection.urlTokenHash) return false;
  const hash = await hashUrlToken(token);
  const current = timingSafeEqual(hash, connection.urlTokenHash);
  const previous =
    !!connection.previousUrlTokenHash && (connection.previousUrlTokenUntil ?? 0) > now && timingSafeEqual(hash, connection.previousUrlTokenHash);
  return current || previous;
}
