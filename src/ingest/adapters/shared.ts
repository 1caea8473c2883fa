import { PayloadError, type NormalisedEvent } from '../types';

/**
 * Epoch ms from the forms platforms send: epoch seconds (Chatwoot and Intercom, Chatwoot's float
 * `updated_at` included) or ms (Crisp), ISO 8601 with up to microseconds (LiveChat, SunCo), or
 * Chatwoot's "2020-03-03 13:05:57 UTC". Rounded to whole milliseconds.
 */
export function toEpochMs(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.round(Math.abs(value) < 1e12 ? value * 1000 : value);
  if (typeof value === 'string' && value.trim()) {
    const text = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : null;
    if (text !== null) return toEpochMs(text, field);
    const parsed = Date.parse(value.trim().replace(/^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?) UTC$/, '$1T$2Z'));
    if (Number.isFinite(parsed)) return parsed;
  }
  throw new PayloadError(`${field}: must be a timestamp`, field);
}

/** Like toEpochMs, for optional times: the fallback (usually the receipt time) when the value is absent or unreadable. */
export function timeOr(value: unknown, fallback: number, field: string, warnings: string[]): number {
  if (value === undefined || value === null || value === '') return fallback;
  try {
    return toEpochMs(value, field);
  } catch {
    warnings.push(`${field}: '${String(value).slice(0, 60)}' is not a time; the receipt time was used`);
    return fallback;
  }
}

/** Plain text of an HTML message body (Intercom sends HTML): tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

export function asString(value: unknown, field: string): string {
  if (typeof value === 'string' && value) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new PayloadError(`${field}: is required`, field);
}

export function asObject(value: unknown, field: string): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new PayloadError(`${field || 'body'}: must be an object`, field || 'body');
}

/** The value as an object, or an empty one: for optional parts of a payload. */
export const objectOr = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

export const optionalString = (value: unknown) => (typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined);

export type Collected = { events: NormalisedEvent[]; ignoredTypes: string[]; warnings: string[] };
export const collected = (): Collected => ({ events: [], ignoredTypes: [], warnings: [] });

/**
 * A 1–5 rating from what a platform or a store's trigger renders: a number (1–5, or 0/1 thumbs when
 * `thumbs`), or a word in any letter case — good/bad, satisfied/unsatisfied, the labels Zendesk renders
 * ("Good, I'm satisfied", "Bad with comment"). `null` score: not readable (stored with a warning);
 * `undefined`: not a rating at all (offered, unoffered, empty).
 */
export function readRating(value: unknown, opts: { thumbs?: boolean } = {}): { score: number | null; label: string } | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value))) {
    const n = Number(value);
    if (opts.thumbs && (n === 0 || n === 1)) return { score: n === 1 ? 5 : 1, label: n === 1 ? 'good' : 'bad' };
    return { score: Number.isInteger(n) && n >= 1 && n <= 5 ? n : null, label: String(value).trim() };
  }
  if (typeof value === 'boolean') return { score: value ? 5 : 1, label: value ? 'good' : 'bad' };
  if (typeof value !== 'string') return { score: null, label: JSON.stringify(value).slice(0, 100) };
  const label = value.trim();
  const word = label.toLowerCase();
  if (!word || /^(offered|unoffered|not offered|none|null|undefined)$/.test(word) || word.includes('{{')) return undefined;
  if (/^(bad|unsatisfied|dissatisfied|not satisfied|negative|thumbs[ _-]?down|👎)/.test(word)) return { score: 1, label };
  if (/^(good|satisfied|positive|thumbs[ _-]?up|👍)/.test(word)) return { score: 5, label };
  return { score: null, label };
}
