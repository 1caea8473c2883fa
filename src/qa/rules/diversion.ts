import { CONTACT_CUE_BIT, LIST_BIT, SEEN_AT_DOT } from '../keywords';
import { NONE, AGENT, CUSTOMER, hasContactCharacters, messageIdsOf, spansOf, type Prepared, type PreparedMessage } from '../prepare';
import type { RuleHit, Span } from '../types';
import { CONTACT_PATTERNS, contactKey, LINK, sameContact } from './contact-patterns';
import { contactShape, mayHoldContact } from './contact-shape';

/**
 * Off-platform diversion (引流), critical: an agent handing out WeChat/QQ, a phone number, an e-mail
 * or a link outside the store's allow-list (patterns in contact-patterns.ts), or a diversion keyword
 * (加我微信, vx…). An agent reading back a number or address the customer gave earlier in the chat
 * ("您的号码是138****5678吗") is not diverting.
 */
function allowed(host: string, allowList: string[]) {
  const h = host.toLowerCase();
  return allowList.some((d) => h === d.toLowerCase() || h.endsWith(`.${d.toLowerCase()}`));
}

/** Phone numbers and e-mail addresses in customer messages, as contact keys. */
function customerContacts(messages: PreparedMessage[]): string[] {
  const keys: string[] = [];
  for (const m of messages) {
    if (m.side !== CUSTOMER || !hasContactCharacters(m)) continue;
    const shape = contactShape(m.message.text);
    for (const { kind, re, needs } of CONTACT_PATTERNS) {
      if ((kind === 'phone' || kind === 'email') && needs(shape)) for (const match of shape.text.matchAll(re)) keys.push(contactKey(kind, match[0]));
    }
  }
  return keys;
}

/** The diversion spans of the agent message at `p.all[at]`, added to `out`. */
function messageSpans(p: Prepared, at: number, allowList: string[], all: Span[]) {
  const m = p.all[at]!;
  // Without @ or ., with fewer than nine digits and no word that introduces a QQ number or a WeChat handle,
  // no pattern can match (mayHoldContact in contact-shape.ts): the scan saw all three, and the message need
  // not be read again.
  const readAgain = hasContactCharacters(m) && (m.seen & SEEN_AT_DOT || m.digits >= 9 || m.lists & CONTACT_CUE_BIT);
  const shape = readAgain ? contactShape(m.message.text) : null;
  if (!shape || !mayHoldContact(shape)) {
    if (m.lists & LIST_BIT.diversion) for (const s of spansOf(m, LIST_BIT.diversion, LIST_BIT.diversion_exceptions)) all.push(s);
    return;
  }
  // Matching runs on the folded text (full-width digits and letters made plain); offsets are the original's.
  const { text } = shape;
  let earlier: string[] | undefined;
  const out: Span[] = [];
  const push = (s: number, e: number) => {
    if (!out.some((o) => o.start < e && s < o.end)) out.push({ messageId: m.message.id, start: s, end: e, text: m.message.text.slice(s, e) });
  };
  for (const { kind, re, needs } of CONTACT_PATTERNS) {
    if (!needs(shape)) continue;
    for (const match of text.matchAll(re)) {
      if (kind === 'phone' || kind === 'email') {
        const key = contactKey(kind, match[0]);
        // The customer's own, sent before this message: a read-back.
        if ((earlier ??= customerContacts(p.all.slice(0, at))).some((c) => sameContact(c, key))) continue;
      }
      push(match.index!, match.index! + match[0].length);
    }
  }
  if (shape.dot) {
    for (const match of text.matchAll(LINK)) {
      // An e-mail's domain is not a link.
      const [s, e] = [match.index!, match.index! + match[0].length];
      if (text[s - 1] === '@' || out.some((o) => s < o.end && o.start < e)) continue;
      if (!allowed(match[1]!, allowList)) push(s, e);
    }
  }
  for (const d of spansOf(m, LIST_BIT.diversion, LIST_BIT.diversion_exceptions)) if (!out.some((o) => o.start < d.end && d.start < o.end)) out.push(d);
  for (const s of out) all.push(s);
}

export function diversion(p: Prepared, allowList: string[]): RuleHit {
  if (!p.agent.length) return { rule: 'diversion', outcome: 'na', messageIds: NONE, spans: NONE, critical: true };
  const spans: Span[] = [];
  // Only messages with a diversion phrase or the characters contact details are made of can divert.
  for (let i = 0; i < p.all.length; i++) {
    const m = p.all[i]!;
    if (m.side === AGENT && (hasContactCharacters(m) || m.lists & LIST_BIT.diversion)) messageSpans(p, i, allowList, spans);
  }
  return { rule: 'diversion', outcome: spans.length ? 'fail' : 'pass', messageIds: messageIdsOf(spans), spans, critical: true };
}
