import type { Locale } from './i18n/messages';

/**
 * Dates as the store sees them. A `YYYY-MM-DD` from the API is already the store's local day, so it is
 * formatted as a calendar date (in UTC, which never shifts it); an instant is shown in the store's time
 * zone. The browser's own time zone is never used.
 */
const cache = new Map<string, Intl.DateTimeFormat>();
function format(locale: Locale, options: Intl.DateTimeFormatOptions) {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

const utcOf = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

/** "Sat, 21 Nov" / "11月21日周六". */
export const formatDay = (date: string, locale: Locale) => format(locale, { timeZone: 'UTC', month: 'short', day: 'numeric', weekday: 'short' }).format(utcOf(date));

/** "21/11" / "11/21", for chart axes. */
export const formatShortDay = (date: string, locale: Locale) => format(locale, { timeZone: 'UTC', month: 'numeric', day: 'numeric' }).format(utcOf(date));

export const formatTime = (instant: string, timeZone: string, locale: Locale) => format(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(instant));

export const formatWhen = (instant: string, timeZone: string, locale: Locale) =>
  format(locale, { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(instant));

/** "yesterday, Sat 21 Nov" when the date is the store's yesterday, else the date alone. */
export const dayLabel = (date: string, yesterday: string, locale: Locale, word: string) => (date === yesterday ? `${word} ${formatDay(date, locale)}` : formatDay(date, locale));
