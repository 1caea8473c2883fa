import { z } from 'zod';

/**
 * Input shapes for dates, instants and time zones, shared by every route: each bounded, so an absurd
 * value ('9999-12-31', year 0, '+08:00' as a zone) is a 400 naming the field, never a 500 further on.
 */

/** Calendar dates the product can mean: a sampled day, a report day. */
export const DAY_MIN = '2000-01-01';
export const DAY_MAX = '2100-12-31';

/** 'YYYY-MM-DD', a real calendar day between `min` and `max` (ISO dates compare as strings). */
export function isoDay(min = DAY_MIN, max = DAY_MAX) {
  return z.iso
    .date()
    .refine((d) => d >= min, { message: `must be on or after ${min}` })
    .refine((d) => d <= max, { message: `must be on or before ${max}` });
}

/** True for a 'YYYY-MM-DD' that is a real calendar day within the bounds: what a refinement may compute with. */
export function isRealDay(value: unknown): value is string {
  return isoDay().safeParse(value).success;
}

/** An ISO 8601 instant with an offset, within the same bounds as the days. */
export const isoInstant = z.iso
  .datetime({ offset: true })
  .refine((s) => {
    const ms = Date.parse(s);
    return ms >= Date.parse(`${DAY_MIN}T00:00:00Z`) && ms < Date.parse(`${DAY_MAX}T23:59:59.999Z`);
  }, { message: `must be between ${DAY_MIN} and ${DAY_MAX}` });

/**
 * An IANA zone name such as Asia/Shanghai or UTC. Intl also takes bare offsets ('+08:00'), which are
 * not zones: they ignore daylight saving, so a store's local day would drift.
 */
export function isIanaTimeZone(tz: string): boolean {
  if (tz.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneName = z.string().refine(isIanaTimeZone, 'must be an IANA time zone such as Asia/Shanghai');

/** A `from`/`to` pair, when both are given, must run forwards: the error names `to`. */
export function fromBeforeTo(v: { from?: string; to?: string }) {
  return v.from === undefined || v.to === undefined || Date.parse(v.from) < Date.parse(v.to);
}
export const FROM_BEFORE_TO = { message: 'from must be before to', path: ['to'] };

/** A range of days (both ends included) may be one day long, never backwards. */
export function daysInOrder(v: { from?: string; to?: string }) {
  return v.from === undefined || v.to === undefined || v.from <= v.to;
}
export const DAYS_IN_ORDER = { message: 'from must not be after to', path: ['to'] };
