import type { Locale, T } from './i18n/messages';

/** Calendar-day arithmetic: the Worker's own (src/lib/time.ts; no clock, no time zone). */
export { addDays } from '../../src/lib/time';

/**
 * Dates as the store sees them. A `YYYY-MM-DD` from the API is already the store's local day, so it is
 * formatted as a calendar date, never converted; an instant is shown in the store's time zone. The
 * browser's own time zone is never used.
 */
const cache = new Map<string, Intl.DateTimeFormat>();
function format(locale: Locale, options: Intl.DateTimeFormatOptions) {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

const WEEKDAYS = { 'zh-CN': '日一二三四五六', en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const parts = (date: string) => [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))] as const;

/**
 * "Sat 21 Nov" / "11月21日周六". Calendar dates are formatted by hand: the first Intl formatter of a page
 * costs Chromium tens of milliseconds (ICU start-up), and a coaching card needs no more than this.
 */
export function formatDay(date: string, locale: Locale) {
  const [y, m, d] = parts(date);
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return locale === 'en' ? `${WEEKDAYS.en[w]} ${d} ${MONTHS[m - 1]}` : `${m}月${d}日周${WEEKDAYS['zh-CN'][w]}`;
}

/** "21/11" / "11/21", for chart axes. */
export function formatShortDay(date: string, locale: Locale) {
  const [, m, d] = parts(date);
  return locale === 'en' ? `${d}/${m}` : `${m}/${d}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A moment the API gave on the store's wall clock ('YYYY-MM-DD HH:mm'), as formatWhen shows one —
 * "11月22日 09:13" / "Nov 22, 09:13 AM" — by hand: no Intl formatter, so no ICU start-up on the card.
 */
export function formatWallClock(local: string, locale: Locale) {
  const [, m, d] = parts(local);
  const h = Number(local.slice(11, 13));
  const min = local.slice(14, 16);
  return locale === 'en' ? `${MONTHS[m - 1]} ${d}, ${two(h % 12 || 12)}:${min} ${h < 12 ? 'AM' : 'PM'}` : `${m}月${d}日 ${two(h)}:${min}`;
}

export const formatTime = (instant: string, timeZone: string, locale: Locale) =>
  format(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(instant));

export const formatWhen = (instant: string, timeZone: string, locale: Locale) =>
  format(locale, { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(instant));

/** "yesterday, Sat 21 Nov" / "昨天（11月21日周六）" when the date is the store's yesterday, else the date alone. */
export const dayLabel = (date: string, yesterday: string, locale: Locale, t: T) =>
  date === yesterday ? t('yesterdayDate', { date: formatDay(date, locale) }) : formatDay(date, locale);
