import type { Context } from 'hono';
import { storeTimezone } from '../services/stores';
import type { AppEnv } from './context';

/**
 * The caller's store's time zone (404 without the store): the one storeAuth read with a widget token's
 * secret, else read once in this request.
 */
export async function timezoneOf(c: Context<AppEnv>): Promise<string> {
  const known = c.get('storeTimezone');
  if (known !== undefined) return known;
  const timezone = await storeTimezone(c.get('db'), c.get('storeId'));
  c.set('storeTimezone', timezone);
  return timezone;
}
