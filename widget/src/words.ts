import { hasKey, type Locale, type T } from './i18n/messages';

/** Codes from the API as words in the reader's language: never a code on screen. */
export type Localized = { 'zh-CN': string; en: string };
export const pick = (text: Localized | null | undefined, locale: Locale) => (text ? text[locale] || text.en : '');

/** The languages a store's texts come in, each by its own name. */
export const LANGUAGES = [
  ['zh-CN', '中文'],
  ['en', 'English'],
] as const;

export const ruleName = (t: T, rule: string) => {
  const key = `rule_${rule}`;
  return hasKey(key) ? t(key) : t('rule_other');
};

/** A sampling reason: `rating`, `critical`, `keyword:不知道`… */
export const reasonName = (t: T, reason: string) => {
  if (reason.startsWith('keyword:')) return t('reason_keyword', { word: reason.slice(8) });
  const key = `reason_${reason}`;
  return hasKey(key) ? t(key) : t('reason_other');
};

export const factorName = (t: T, factor: string) => {
  const key = `risk_${factor}`;
  return hasKey(key) ? t(key) : t('risk_other');
};
