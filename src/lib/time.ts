/** Local-day arithmetic in a store's IANA time zone, with Intl only (no dependency). */

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(ms: number, timeZone: string) {
  const p = Object.fromEntries(partsFormatter(timeZone).formatToParts(ms).map((x) => [x.type, x.value]));
  return { y: +p.year!, m: +p.month!, d: +p.day!, h: +p.hour!, min: +p.minute!, s: +p.second! };
}

/** The zone's offset from UTC at that instant, in ms. */
function offsetAt(ms: number, timeZone: string) {
  const p = localParts(ms, timeZone);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(ms / 1000) * 1000;
}

/** UTC ms of local midnight starting `date` ('YYYY-MM-DD') in the zone. */
export function localMidnight(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // Two passes settle DST transitions, where the offset at the guess differs from the one at midnight.
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

/** [start, end) of a local day, as UTC ms. */
export function localDayRange(date: string, timeZone: string): { start: number; end: number } {
  return { start: localMidnight(date, timeZone), end: localMidnight(addDays(date, 1), timeZone) };
}

export function localDate(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

export function localHour(ms: number, timeZone: string): number {
  return localParts(ms, timeZone).h;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD HH:mm' in the zone: how report files show a moment. */
export function localDateTime(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.y}-${two(p.m)}-${two(p.d)} ${two(p.h)}:${two(p.min)}`;
}
