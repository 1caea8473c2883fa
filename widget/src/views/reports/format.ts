import type { Locale, T } from '../../i18n/messages';

/** Figures as people read them: a rate as a percentage, a missing figure as a dash. */
export const pct = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`);
export const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));

/**
 * A change against the period before, in words and with an arrow; `asRate` gives a change of a rate in
 * percentage points, and says so (a pass rate "up 0.2" would read as 0.2%).
 */
export function change(t: T, v: number | null | undefined, asRate = false) {
  if (v === null || v === undefined) return '';
  const shown = asRate ? `${Math.round(Math.abs(v) * 1000) / 10}` : `${Math.abs(Math.round(v * 10) / 10)}`;
  if (v > 0) return `▲ ${t(asRate ? 'r_upPoints' : 'r_up', { v: shown })}`;
  if (v < 0) return `▼ ${t(asRate ? 'r_downPoints' : 'r_down', { v: shown })}`;
  return t('r_same');
}

/** A local date range as the reader writes dates. */
export const range = (from: string, to: string, locale: Locale) => (from === to ? from : locale === 'en' ? `${from} to ${to}` : `${from} 至 ${to}`);
