import { fold, foldCode } from '../fold';
import { messageIdsOf, spansOf, type Prepared, type PreparedMessage } from '../prepare';
import type { RuleHit, Span } from '../types';

/**
 * Off-platform diversion (引流), critical: an agent handing out WeChat/QQ, a phone number, an e-mail
 * or a link outside the store's allow-list. Digits may be split by spaces, dashes or dots to evade
 * a plain search; masked numbers (138****5678, as ingest stores them) still count. Runs of digits
 * glued to letters or longer digit runs (SKU codes, order numbers) do not, nor does the agent reading
 * back a number or address the customer gave in the chat ("您的号码是138****5678吗").
 */
const SEP = '[\\s\\-.·_]*';

/** What a message holds that the patterns need, counted in one pass over its folded units. */
interface Shape {
  /** Digits and the mask's *. */
  digits: number;
  letters: number;
  at: boolean;
  /** A dot before a letter, as in a domain name (a sentence's full stop is followed by a space). */
  dot: boolean;
  plus: boolean;
  /** A word that introduces a QQ number or a WeChat handle. */
  cue: boolean;
  /** Full-width Latin letters or digits: the text must be folded before a pattern reads it. */
  wide: boolean;
}
const CUE = /qq|扣扣|企鹅|微信|v信|vx|wx|薇信|威信|weixin|wechat/i;

const PATTERNS: { kind: 'phone' | 'email' | 'qq' | 'handle'; re: RegExp; needs: (s: Shape) => boolean }[] = [
  { kind: 'phone', re: new RegExp(`(?<![a-z0-9*])1${SEP}[3-9](?:${SEP}[\\d*]){9}(?![a-z0-9*])`, 'gi'), needs: (s) => s.digits >= 11 },
  { kind: 'phone', re: /(?<![a-z0-9+])\+\d{1,3}[\s-]?\d(?:[\s-]?[\d*]){7,13}(?![a-z0-9])/gi, needs: (s) => s.plus && s.digits >= 9 },
  { kind: 'email', re: /[a-z0-9][a-z0-9._%+*-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi, needs: (s) => s.at && s.dot },
  { kind: 'qq', re: /(?:qq|扣扣|企鹅)[\s:：号是为]*\d{5,11}(?!\d)/gi, needs: (s) => s.digits >= 5 && s.cue },
  { kind: 'handle', re: /(?:微信|v信|vx|wx|薇信|威信|weixin|wechat)[\s:：号是为]*[a-z][a-z0-9_-]{4,19}/gi, needs: (s) => s.letters >= 5 && s.cue },
];
const LINK = /\b(?:https?:\/\/)?((?:[a-z0-9-]+\.)+(?:com|cn|net|org|io|me|cc|co|top|xyz|link|vip|shop)(?:\.[a-z]{2})?)(?:[/?#][^\s]*)?/gi;

/** A unit folded to ASCII (full-width forms, ① and the like; letters in lower case), else 0. Han is never ASCII. */
function asciiOf(c: number): number {
  if (c >= 0x4e00 && c <= 0x9fff) return 0;
  const f = c < 128 ? (c >= 65 && c <= 90 ? c + 32 : c) : foldCode(c);
  return f < 128 ? f : 0;
}
const isLetter = (c: number) => c >= 97 && c <= 122;

function shapeOf(text: string): Shape {
  let digits = 0;
  let letters = 0;
  let at = false;
  let dot = false;
  let plus = false;
  let wide = false;
  for (let i = 0; i < text.length; i++) {
    const raw = text.charCodeAt(i);
    const c = asciiOf(raw);
    if (c === 0) continue;
    // A full-width digit, letter or symbol the patterns use (－ between digits, ＠): fold before matching.
    if (raw >= 128 && !wide) wide = c >= 48 || c === 42 || c === 43 || c === 45 || c === 46;
    if ((c >= 48 && c <= 57) || c === 42) digits++;
    else if (isLetter(c)) letters++;
    else if (c === 64) at = true;
    else if (c === 46) dot ||= isLetter(asciiOf(text.charCodeAt(i + 1)));
    else if (c === 43) plus = true;
  }
  const cue = (digits >= 5 || letters >= 5) && CUE.test(wide ? fold(text) : text);
  return { digits, letters, at, dot, plus, cue, wide };
}

/** The text as the patterns read it: folded where it holds full-width forms, else lower case is enough (they ignore case). */
const foldedIf = (text: string, shape: Shape) => (shape.wide ? fold(text) : text);

/** Whether any pattern can match: most messages have too few digits and letters for one. */
const mayDivert = (s: Shape) => s.digits >= 9 || s.cue || s.dot;

function allowed(host: string, allowList: string[]) {
  const h = host.toLowerCase();
  return allowList.some((d) => h === d.toLowerCase() || h.endsWith(`.${d.toLowerCase()}`));
}

/** A number or address as compared: lower case, digits, letters, @ . and the mask's *. */
const contactKey = (text: string) => text.toLowerCase().replace(/[^0-9a-z@.*]/g, '');

/** Equal where both are unmasked: 138****5678 is 13812345678 read back masked, and the other way round. */
function sameContact(a: string, b: string) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i] !== '*' && b[i] !== '*') return false;
  return true;
}

/** Phone numbers and e-mail addresses the customer sent, as contact keys. */
function customerContacts(p: Prepared): string[] {
  const keys: string[] = [];
  for (const m of p.customer) {
    const shape = shapeOf(m.message.text);
    for (const { kind, re, needs } of PATTERNS) {
      if ((kind === 'phone' || kind === 'email') && needs(shape)) for (const match of foldedIf(m.message.text, shape).matchAll(re)) keys.push(contactKey(match[0]));
    }
  }
  return keys;
}

// A character some pattern starts from or needs: a digit (ASCII, full-width or circled), @, a dot, a
// full-width letter, or the first letter of a handle's cue word (qq, vx, wx, weixin, wechat, 扣扣, 企鹅,
// 微信, 薇信, 威信). Most chat messages have none. A table, because V8 runs a regex character class with
// wide non-ASCII ranges several times slower than this loop.
const CANDIDATE = new Uint8Array(0x10000);
for (const [from, to] of [
  [0x30, 0x39],
  [0xff10, 0xff19],
  [0x2460, 0x24ff],
  [0x2776, 0x2793],
  [0xff21, 0xff3a],
  [0xff41, 0xff5a],
] as const) {
  CANDIDATE.fill(1, from, to + 1);
}
for (const c of '@＠.．qvwQVW扣企微薇威') CANDIDATE[c.charCodeAt(0)] = 1;

function mayDivertAtAll(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (CANDIDATE[text.charCodeAt(i)]) return true;
  return false;
}

function messageSpans(m: PreparedMessage, allowList: string[], customers: () => string[]): Span[] {
  if (!mayDivertAtAll(m.message.text)) return spansOf(m, 'diversion');
  const shape = shapeOf(m.message.text);
  if (!mayDivert(shape)) return spansOf(m, 'diversion');
  // Matching runs on the folded text (full-width digits and letters made plain); offsets are the original's.
  const text = foldedIf(m.message.text, shape);
  const out: Span[] = [];
  const push = (s: number, e: number) => {
    if (!out.some((o) => o.start < e && s < o.end)) out.push({ messageId: m.message.id, start: s, end: e, text: m.message.text.slice(s, e) });
  };
  for (const { kind, re, needs } of PATTERNS) {
    if (!needs(shape)) continue;
    for (const match of text.matchAll(re)) {
      const key = contactKey(match[0]);
      if ((kind === 'phone' || kind === 'email') && customers().some((c) => sameContact(c, key))) continue;
      push(match.index!, match.index! + match[0].length);
    }
  }
  if (shape.dot) for (const match of text.matchAll(LINK)) {
    // An e-mail's domain is not a link.
    const [s, e] = [match.index!, match.index! + match[0].length];
    if (text[s - 1] === '@' || out.some((o) => s < o.end && o.start < e)) continue;
    if (!allowed(match[1]!, allowList)) push(match.index!, match.index! + match[0].length);
  }
  out.push(...spansOf(m, 'diversion').filter((d) => !out.some((o) => o.start < d.end && d.start < o.end)));
  return out;
}

export function diversion(p: Prepared, allowList: string[]): RuleHit {
  if (!p.agent.length) return { rule: 'diversion', outcome: 'na', messageIds: [], spans: [], critical: true };
  let contacts: string[] | undefined;
  const customers = () => (contacts ??= customerContacts(p));
  const spans: Span[] = [];
  for (const m of p.agent) for (const s of messageSpans(m, allowList, customers)) spans.push(s);
  return { rule: 'diversion', outcome: spans.length ? 'fail' : 'pass', messageIds: messageIdsOf(spans), spans, critical: true };
}
