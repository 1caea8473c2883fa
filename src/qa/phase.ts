import { fold } from './fold';
import { LIST_BIT } from './keywords';
import { has, type Prepared } from './prepare';
import type { Phase } from './types';

const ORDER_NUMBER = /(?<![a-z0-9])\d{12,20}(?![a-z0-9])/i;
const WIDE_ALNUM = /[０-９Ａ-Ｚａ-ｚ]/;

/** An order number (12–20 digits, not glued to letters), in ASCII or full-width digits. */
const hasOrderNumber = (text: string) => ORDER_NUMBER.test(WIDE_ALNUM.test(text) ? fold(text) : text);

/**
 * The platform's tag, else the agent's phase, else the content: an after-sales word from the store's
 * lists (order, refund, return, logistics…) or an order number in a customer message.
 */
export function detectPhase(p: Prepared): Phase {
  const c = p.conversation;
  if (c.phaseTag) return c.phaseTag;
  if (c.agentPhase) return c.agentPhase;
  // An order number needs twelve digits: the scan counted them (with + and *, so never fewer).
  for (const m of p.customer) if (has(m, LIST_BIT.after_sales) || (m.digits >= 12 && hasOrderNumber(m.message.text))) return 'after_sales';
  return 'pre_sales';
}
