import type { ContactShape } from './contact-shape';

/**
 * The patterns of contact details an agent may hand out, read on folded text (they ignore case).
 * Digits may be split by spaces, dashes or dots to evade a plain search; masked numbers as ingest
 * stores them (138****5678, +86 *******5678) still count. Runs of digits glued to letters or longer
 * digit runs (SKU codes, order numbers) and sizes (150*200*300) do not.
 */
const SEP = '[\\s\\-.·_—–]*';

export type ContactKind = 'phone' | 'email' | 'qq' | 'handle';

export const CONTACT_PATTERNS: { kind: ContactKind; re: RegExp; needs: (s: ContactShape) => boolean }[] = [
  // A CN mobile, digits only, separators allowed between them.
  { kind: 'phone', re: new RegExp(`(?<![a-z0-9*])1${SEP}[3-9](?:${SEP}\\d){9}(?![a-z0-9*])`, 'gi'), needs: (s) => s.digits >= 11 },
  // A CN mobile masked in the middle.
  { kind: 'phone', re: /(?<![a-z0-9*])1[3-9]\d\*{4,6}\d{2,4}(?![a-z0-9*])/gi, needs: (s) => s.digits >= 11 },
  { kind: 'phone', re: /(?<![a-z0-9+])\+\d{1,3}[\s-]?[\d*](?:[\s-]?[\d*]){7,13}(?![a-z0-9])/gi, needs: (s) => s.plus && s.digits >= 9 },
  { kind: 'email', re: /[a-z0-9][a-z0-9._%+*-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi, needs: (s) => s.at && s.dot },
  { kind: 'qq', re: /(?:qq|扣扣|企鹅)[\s:：号是为]*\d{5,11}(?!\d)/gi, needs: (s) => s.digits >= 5 && s.cue },
  // A handle after its cue word: after a colon or 号/是/为 any handle; after a space only one with a digit,
  // _ or -, since "WeChat payment" is no handle.
  {
    kind: 'handle',
    re: /(?:微信|v信|vx|wx|薇信|威信|weixin|wechat)(?:\s*[:：号是为][\s:：号是为]*[a-z][a-z0-9_-]{4,19}|\s*(?=[a-z][a-z]*[0-9_-])[a-z][a-z0-9_-]{4,19})/gi,
    needs: (s) => s.letters >= 5 && s.cue,
  },
];

// A host with a known top-level domain, not running on into a word ("it.Coming" is no link).
export const LINK = /\b(?:https?:\/\/)?((?:[a-z0-9-]+\.)+(?:com|cn|net|org|io|me|cc|co|top|xyz|link|vip|shop)(?:\.[a-z]{2})?)(?![a-z0-9-])(?:[/?#][^\s]*)?/gi;

/** A phone number or address as compared: a number's digits and mask (country code 86 dropped), an address in lower case. */
export function contactKey(kind: ContactKind, text: string): string {
  if (kind !== 'phone') return text.toLowerCase().replace(/\s/g, '');
  const digits = text.replace(/[^0-9*]/g, '');
  return digits.length > 11 && digits.startsWith('86') ? digits.slice(2) : digits;
}

/** Equal where both are unmasked: 138****5678 is 13812345678 read back masked, and the other way round. */
export function sameContact(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i] !== '*' && b[i] !== '*') return false;
  return true;
}
