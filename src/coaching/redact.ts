import type { Localized } from './types';

/** What stands in for another agent's name on a card: a card never names another agent. */
export const COLLEAGUE: Localized = { 'zh-CN': '同事', en: 'a colleague' };

/** Whether text is written in Chinese (any CJK ideograph): which language a replacement is written in. */
export const hasCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces other agents' names in free text (reviewer comments, quoted messages). Longest names first,
 * so "小美2" is not left as "同事2"; names shorter than two characters are left alone (too many false hits).
 */
export function redactNames(text: string, names: readonly string[], replacement: string): string {
  const usable = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length);
  if (!usable.length || !text) return text;
  // Latin names match on word boundaries, Chinese ones anywhere (no spaces between words).
  const pattern = usable.map((n) => (/^[\p{L}\p{N} .'-]+$/u.test(n) && /[A-Za-z]/.test(n) ? `\\b${escapeRegExp(n)}\\b` : escapeRegExp(n))).join('|');
  return text.replace(new RegExp(pattern, 'giu'), replacement);
}

/** Other agents' names replaced in the text's own language: "同事" in Chinese text, else "a colleague". */
export function redactColleagues(text: string, names: readonly string[]): string {
  return redactNames(text, names, hasCjk(text) ? COLLEAGUE['zh-CN'] : COLLEAGUE.en);
}
