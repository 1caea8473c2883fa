import type { Prepared, PreparedMessage } from '../prepare';
import type { RuleHit, Span } from '../types';

/**
 * Off-platform diversion (引流), critical: an agent handing out WeChat/QQ, a phone number, an e-mail
 * or a link outside the store's allow-list. Digits may be split by spaces, dashes or dots to evade
 * a plain search; masked numbers (138****5678, as ingest stores them) still count. Runs of digits
 * glued to letters or longer digit runs (SKU codes, order numbers) do not.
 */
const SEP = '[\\s\\-.·_]*';
const PATTERNS: { kind: string; re: RegExp }[] = [
  { kind: 'phone', re: new RegExp(`(?<![a-z0-9*])1${SEP}[3-9](?:${SEP}[\\d*]){9}(?![a-z0-9*])`, 'gi') },
  { kind: 'phone', re: /(?<![a-z0-9+])\+\d{1,3}[\s-]?\d(?:[\s-]?[\d*]){7,13}(?![a-z0-9])/gi },
  { kind: 'email', re: /[a-z0-9][a-z0-9._%+*-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi },
  { kind: 'qq', re: /(?:qq|扣扣|企鹅)[\s:：号是为]*\d{5,11}(?!\d)/gi },
  { kind: 'handle', re: /(?:微信|v信|vx|wx|薇信|威信|weixin|wechat)[\s:：号是为]*[a-z][a-z0-9_-]{4,19}/gi },
];
const LINK = /\b(?:https?:\/\/)?((?:[a-z0-9-]+\.)+(?:com|cn|net|org|io|me|cc|co|top|xyz|link|vip|shop)(?:\.[a-z]{2})?)(?:[/?#][^\s]*)?/gi;

function allowed(host: string, allowList: string[]) {
  const h = host.toLowerCase();
  return allowList.some((d) => h === d.toLowerCase() || h.endsWith(`.${d.toLowerCase()}`));
}

// Every pattern below needs a digit, an @ or a dot; most messages have none and skip the regexes.
const MAY_DIVERT = /[0-9@.]/;

function messageSpans(m: PreparedMessage, allowList: string[]): Span[] {
  if (!MAY_DIVERT.test(m.folded)) return [...(m.found.diversion ?? [])];
  // Matching runs on the folded text (full-width digits and letters made plain); offsets are the original's.
  const text = m.folded;
  const out: Span[] = [];
  const push = (s: number, e: number) => {
    if (!out.some((o) => o.start < e && s < o.end)) out.push({ messageId: m.message.id, start: s, end: e, text: m.message.text.slice(s, e) });
  };
  for (const { re } of PATTERNS) for (const match of text.matchAll(re)) push(match.index!, match.index! + match[0].length);
  for (const match of text.matchAll(LINK)) {
    // An e-mail's domain is not a link.
    const [s, e] = [match.index!, match.index! + match[0].length];
    if (text[s - 1] === '@' || out.some((o) => s < o.end && o.start < e)) continue;
    if (!allowed(match[1]!, allowList)) push(match.index!, match.index! + match[0].length);
  }
  out.push(...(m.found.diversion ?? []).filter((d) => !out.some((o) => o.start < d.end && d.start < o.end)));
  return out;
}

export function diversion(p: Prepared, allowList: string[]): RuleHit {
  if (!p.agent.length) return { rule: 'diversion', outcome: 'na', messageIds: [], spans: [], critical: true };
  const spans = p.agent.flatMap((m) => messageSpans(m, allowList));
  return { rule: 'diversion', outcome: spans.length ? 'fail' : 'pass', messageIds: [...new Set(spans.map((s) => s.messageId))], spans, critical: true };
}
