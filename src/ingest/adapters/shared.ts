import { PayloadError, type NormalisedEvent } from '../types';

/** The instants a JS Date can hold (±100,000,000 days): beyond them a time cannot be read back or shown. */
const MAX_EPOCH_MS = 8.64e15;

/**
 * Epoch ms from the forms platforms send: epoch seconds or ms, ISO 8601, or Chatwoot's "2020-03-03
 * 13:05:57 UTC". A time far off but representable is kept; one no date can hold is refused here, at
 * the door, rather than accepted and then failing every write and read after it.
 */
export function toEpochMs(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const ms = Math.abs(value) < 1e12 ? value * 1000 : value;
    if (Math.abs(ms) <= MAX_EPOCH_MS) return Math.round(ms);
  }
  if (typeof value === 'string' && value.trim()) {
    const text = /^\d+(\.\d+)?$/.test(value) ? Number(value) : null;
    if (text !== null) return toEpochMs(text, field);
    const parsed = Date.parse(value.replace(/^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?) UTC$/, '$1T$2Z'));
    if (Number.isFinite(parsed)) return parsed;
  }
  throw new PayloadError(`${field}: must be a timestamp`, field);
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
  throw new PayloadError(`${field}: must be an object`, field || 'body');
}

export const optionalString = (value: unknown) => (typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined);

export type Collected = { events: NormalisedEvent[]; ignoredTypes: string[] };
