import { LIST_BIT } from '../keywords';
import { messageIdsOf, spansOf, type Prepared, type PreparedMessage } from '../prepare';
import type { RuleHit, Span } from '../types';
import { contactShape, mayHoldContact, patternText, type ContactShape } from './contact-shape';

/**
 * Off-platform diversion (引流), critical: an agent handing out WeChat/QQ, a phone number, an e-mail
 * or a link outside the store's allow-list. Digits may be split by spaces, dashes or dots to evade
 * a plain search; masked numbers (138****5678, as ingest stores them) still count. Runs of digits
 * glued to letters or longer digit runs (SKU codes, order numbers) do not, nor does the agent reading
 * back a number or address the customer gave in the chat ("您的号码是138****5678吗").
 */
const SEP = '[\\s\\-.·_]*';

const PATTERNS: { kind: 'phone' | 'email' | 'qq' | 'handle'; re: RegExp; needs: (s: ContactShape) => boolean }[] = [
  { kind: 'phone', re: new RegExp(`(?<![a-z0-9*])1${SEP}[3-9](?:${SEP}[\\d*]){9}(?![a-z0-9*])`, 'gi'), needs: (s) => s.digits >= 11 },
  { kind: 'phone', re: /(?<![a-z0-9+])\+\d{1,3}[\s-]?\d(?:[\s-]?[\d*]){7,13}(?![a-z0-9])/gi, needs: (s) => s.plus && s.digits >= 9 },
  { kind: 'email', re: /[a-z0-9][a-z0-9._%+*-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi, needs: (s) => s.at && s.dot },
  { kind: 'qq', re: /(?:qq|扣扣|企鹅)[\s:：号是为]*\d{5,11}(?!\d)/gi, needs: (s) => s.digits >= 5 && s.cue },
  { kind: 'handle', re: /(?:微信|v信|vx|wx|薇信|威信|weixin|wechat)[\s:：号是为]*[a-z][a-z0-9_-]{4,19}/gi, needs: (s) => s.letters >= 5 && s.cue },
];
const LINK = /\b(?:https?:\/\/)?((?:[a-z0-9-]+\.)+(?:com|cn|net|org|io|me|cc|co|top|xyz|link|vip|shop)(?:\.[a-z]{2})?)(?:[/?#][^\s]*)?/gi;

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
    if (!m.contactCharacters) continue;
    const shape = contactShape(m.message.text);
    for (const { kind, re, needs } of PATTERNS) {
      if ((kind === 'phone' || kind === 'email') && needs(shape)) for (const match of patternText(m.message.text, shape).matchAll(re)) keys.push(contactKey(match[0]));
    }
  }
  return keys;
}

function messageSpans(m: PreparedMessage, allowList: string[], customers: () => string[]): Span[] {
  if (!m.contactCharacters) return spansOf(m, LIST_BIT.diversion);
  const shape = contactShape(m.message.text);
  if (!mayHoldContact(shape)) return spansOf(m, LIST_BIT.diversion);
  // Matching runs on the folded text (full-width digits and letters made plain); offsets are the original's.
  const text = patternText(m.message.text, shape);
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
  out.push(...spansOf(m, LIST_BIT.diversion).filter((d) => !out.some((o) => o.start < d.end && d.start < o.end)));
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
