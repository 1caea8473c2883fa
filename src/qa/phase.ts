import type { Phase, QaConversation } from './types';

const AFTER_SALES = /订单号|订单|退货|退款|换货|退换|物流|快递|包裹|发票|售后|破损|坏了|质量问题|没收到|签收|\border\b|refund|return|exchange|tracking|parcel|delivery|damaged|warranty|invoice/i;
const ORDER_NUMBER = /(?<![a-z0-9])\d{12,20}(?![a-z0-9])/i;

/** The platform's tag, else the agent's phase, else the content (order numbers, refund/return/logistics words). */
export function detectPhase(c: QaConversation): Phase {
  if (c.phaseTag) return c.phaseTag;
  if (c.agentPhase) return c.agentPhase;
  const customerText = c.messages.filter((m) => m.role === 'customer' && !m.internal).map((m) => m.text).join('\n');
  return AFTER_SALES.test(customerText) || ORDER_NUMBER.test(customerText) ? 'after_sales' : 'pre_sales';
}
