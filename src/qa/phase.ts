import { fold } from './fold';
import { LIST_BIT } from './keywords';
import { has, type Prepared } from './prepare';
import type { Phase } from './types';

const ORDER_NUMBER = /(?<![a-z0-9])\d{12,20}(?![a-z0-9])/i;

/**
 * The platform's tag, else the agent's phase, else the content: an after-sales word from the store's
 * lists (order, refund, return, logistics…) or an order number in a customer message.
 */
export function detectPhase(p: Prepared): Phase {
  const c = p.conversation;
  if (c.phaseTag) return c.phaseTag;
  if (c.agentPhase) return c.agentPhase;
  return p.customer.some((m) => has(m, LIST_BIT.after_sales) || (m.contactCharacters && ORDER_NUMBER.test(fold(m.message.text)))) ? 'after_sales' : 'pre_sales';
}
