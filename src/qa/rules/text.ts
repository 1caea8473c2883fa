import { AGENT, NONE, firstSpan, messageIdsOf, spansIn, type Prepared, type PreparedMessage } from '../prepare';
import { LIST_BIT } from '../keywords';
import type { RuleHit } from '../types';
import { na, whole } from './business';

const NO_QUESTION = na('unanswered', 'no customer question');
const GREETING_NO_REPLY = na('greeting', 'no agent reply');
const CLOSING_NO_REPLY = na('closing', 'no agent reply');
const NO_RATING: RuleHit = Object.freeze({ rule: 'rating', outcome: 'na', messageIds: NONE, spans: NONE });

const firstSpans = (p: PreparedMessage, bit: number) => {
  const span = firstSpan(p, bit);
  return span ? [span] : [];
};

export function greeting(p: Prepared): RuleHit {
  const first = p.agent[0];
  if (!first) return GREETING_NO_REPLY;
  const found = firstSpans(first, LIST_BIT.greeting);
  return { rule: 'greeting', outcome: found.length ? 'pass' : 'fail', messageIds: [first.message.id], spans: found };
}

export function closing(p: Prepared): RuleHit {
  const last = p.agent.at(-1);
  if (!last) return CLOSING_NO_REPLY;
  const found = firstSpans(last, LIST_BIT.closing);
  return { rule: 'closing', outcome: found.length ? 'pass' : 'fail', messageIds: [last.message.id], spans: found };
}

/** Every agent message with a banned phrase (polite-question exceptions removed). */
export function bannedPhrases(p: Prepared): RuleHit {
  if (!p.agent.length) return { rule: 'banned_phrases', outcome: 'na', messageIds: NONE, spans: NONE };
  if (!(p.agentLists & LIST_BIT.banned)) return { rule: 'banned_phrases', outcome: 'pass', messageIds: NONE, spans: NONE };
  const spans = spansIn(p.agent, LIST_BIT.banned, LIST_BIT.banned_exceptions);
  return { rule: 'banned_phrases', outcome: spans.length ? 'fail' : 'pass', messageIds: messageIdsOf(spans), spans };
}

/** Abusive words from an agent (not inside everyday words like 滚动): critical. */
export function abusive(p: Prepared): RuleHit {
  if (!p.agent.length) return { rule: 'abusive', outcome: 'na', messageIds: NONE, spans: NONE, critical: true };
  if (!(p.agentLists & LIST_BIT.abusive)) return { rule: 'abusive', outcome: 'pass', messageIds: NONE, spans: NONE, critical: true };
  const spans = spansIn(p.agent, LIST_BIT.abusive, LIST_BIT.abusive_exceptions);
  return { rule: 'abusive', outcome: spans.length ? 'fail' : 'pass', messageIds: messageIdsOf(spans), spans, critical: true };
}

/** A customer question after the agent's last reply went unanswered (completeness). */
export function unanswered(p: Prepared): RuleHit {
  if (!p.customer.some((m) => m.question)) return NO_QUESTION;
  // The customer's questions since the agent last spoke, newest last.
  const after: PreparedMessage[] = [];
  for (let i = p.all.length - 1; i >= 0 && p.all[i]!.side !== AGENT; i--) if (p.all[i]!.question) after.unshift(p.all[i]!);
  return { rule: 'unanswered', outcome: after.length ? 'fail' : 'pass', messageIds: after.map((m) => m.message.id), spans: after.map(whole) };
}

/** Escalation words from the customer: a sampling signal, never a deduction. */
export function escalation(p: Prepared): RuleHit {
  if (!(p.customerLists & LIST_BIT.escalation)) return { rule: 'escalation', outcome: 'pass', messageIds: NONE, spans: NONE };
  const spans = spansIn(p.customer, LIST_BIT.escalation);
  return { rule: 'escalation', outcome: spans.length ? 'fail' : 'pass', messageIds: messageIdsOf(spans), spans };
}

export function rating(p: Prepared): RuleHit {
  const r = p.conversation.rating;
  if (r === null) return NO_RATING;
  return { rule: 'rating', outcome: r <= 2 ? 'fail' : 'pass', messageIds: NONE, spans: NONE, detail: `${r}/5` };
}
