import { LIST_BIT } from '../keywords';
import { NONE, AGENT, CUSTOMER, firstSpan, has, messageIdsOf, spansOf, type Prepared, type PreparedMessage } from '../prepare';
import type { RuleHit, RuleId, Span } from '../types';
import { acts, confirmsSolved, frustrated, kindOf, raises, UPSET_LISTS } from './reading';
import { answers, CONTENT, explores, SOLUTION } from './replies';

/**
 * The business items judged from the text (docs/autoqa.md has the definitions): each names the
 * messages and spans it decided on, and is not applicable where the chat gives it nothing to judge.
 * The customer's words decide applicability (a question, frustration, an after-sales matter) and, for
 * solution_offered only, an outcome: a customer confirming the problem is solved. Thanks never count.
 */
export const whole = (m: PreparedMessage): Span => ({ messageId: m.message.id, start: 0, end: m.message.text.length, text: m.message.text });
const first = (m: PreparedMessage, bit: number): Span[] => {
  const s = firstSpan(m, bit);
  return s ? [s] : [whole(m)];
};
export const result = (rule: RuleId, outcome: RuleHit['outcome'], spans: Span[], detail: string): RuleHit => ({ rule, outcome, messageIds: messageIdsOf(spans), spans, detail });
/** A rule that had nothing to judge; frozen, as each is made once and shared by every conversation. */
export const na = (rule: RuleId, detail: string): RuleHit => Object.freeze({ rule, outcome: 'na', messageIds: NONE, spans: NONE, detail });
const NO_RECOMMENDATION = na('needs_exploration', 'no recommendation asked for or given');
const SOLUTION_NO_REPLY = na('solution_offered', 'no agent reply');
const NOTHING_ASKED = na('solution_offered', 'nothing asked');
const NO_FRUSTRATION = na('soothing', 'no frustration');
const NO_AFTER_SALES_MATTER = na('process_handling', 'no after-sales matter');

const { recommend: RECOMMEND, needs: NEEDS } = LIST_BIT;

export const isCustomer = (m: PreparedMessage) => m.side === CUSTOMER;
export const isAgent = (m: PreparedMessage) => m.side === AGENT;

const actSpans = (m: PreparedMessage): Span[] => {
  for (const bit of [LIST_BIT.solution, LIST_BIT.time, LIST_BIT.process]) {
    const spans = spansOf(m, bit, bit === LIST_BIT.solution ? LIST_BIT.deflection : 0);
    if (spans.length) return spans;
  }
  return [whole(m)];
};

/** Pre-sales: before recommending, the agent asks about use, size, budget… (or the customer already said). */
export function needsExploration(p: Prepared): RuleHit {
  if (!((p.customerLists | p.agentLists) & RECOMMEND)) return NO_RECOMMENDATION;
  let wanted: PreparedMessage | null = null;
  for (const m of p.all) {
    if (m.lists & RECOMMEND) {
      wanted = m;
      break;
    }
  }
  if (!wanted) return NO_RECOMMENDATION;
  let recommended: PreparedMessage | null = null;
  let explored: PreparedMessage | null = null;
  for (const m of p.all) {
    if (isAgent(m)) {
      if (m.lists & RECOMMEND) recommended = m;
      else if (explores(m)) explored = m;
    } else if (isCustomer(m) && m.lists & NEEDS) explored = m;
    if (recommended || explored) break;
  }
  if (explored) return result('needs_exploration', 'pass', first(explored, NEEDS), isCustomer(explored) ? 'the customer gave their needs' : 'asked about the needs');
  return result('needs_exploration', 'fail', spansOf(recommended ?? wanted, RECOMMEND), recommended ? 'recommended without asking' : 'asked for a recommendation, no question about needs');
}

/** A concrete step, option, explanation or policy — not only apology, deflection or "please wait". */
export function solutionOffered(p: Prepared): RuleHit {
  if (!p.agent.length) return SOLUTION_NO_REPLY;
  let asked = false;
  // An answer in the agent's own words counts when it replies to a customer message that raised something.
  let replyingToRequest = false;
  let agentSpoke = false;
  for (const m of p.all) {
    if (isCustomer(m)) {
      replyingToRequest = raises(m);
      asked ||= replyingToRequest;
      if (agentSpoke && confirmsSolved(m)) return result('solution_offered', 'pass', spansOf(m, LIST_BIT.resolved, LIST_BIT.resolved_exceptions), 'the customer confirmed it is solved');
    } else if (isAgent(m)) {
      agentSpoke = true;
      const kind = kindOf(m);
      if (asked && kind === SOLUTION) return result('solution_offered', 'pass', actSpans(m), 'a concrete step or option');
      if (replyingToRequest && kind === CONTENT) return result('solution_offered', 'pass', [whole(m)], 'an answer in substance');
    }
  }
  if (!asked) return NOTHING_ASKED;
  const instead: Span[] = [];
  for (const m of p.agent) for (const s of spansOf(m, LIST_BIT.deflection | LIST_BIT.promise | LIST_BIT.apology | LIST_BIT.waiting)) instead.push(s);
  return result('solution_offered', 'fail', instead, 'only apology, deflection, waiting or a promise without substance');
}

/** An upset customer: the agent acknowledges the feeling and acts. Not applicable without frustration. */
export function soothing(p: Prepared): RuleHit {
  if (!(p.customerLists & UPSET_LISTS)) return NO_FRUSTRATION;
  let upset: PreparedMessage | null = null;
  let acknowledged: PreparedMessage | null = null;
  let acted: PreparedMessage | null = null;
  for (const m of p.all) {
    if (!upset) {
      if (isCustomer(m) && frustrated(m)) upset = m;
      continue;
    }
    if (!isAgent(m)) continue;
    if (!acknowledged && (has(m, LIST_BIT.apology) || has(m, LIST_BIT.acknowledge))) acknowledged = m;
    if (!acted && acts(m)) acted = m;
    if (acknowledged && acted) break;
  }
  if (!upset) return NO_FRUSTRATION;
  const upsetSpans = [firstSpan(upset, LIST_BIT.negative) ?? firstSpan(upset, LIST_BIT.escalation) ?? firstSpan(upset, LIST_BIT.abusive) ?? whole(upset)];
  if (!acknowledged) return result('soothing', 'fail', upsetSpans, 'frustration not acknowledged');
  const ackSpans = [firstSpan(acknowledged, LIST_BIT.acknowledge) ?? firstSpan(acknowledged, LIST_BIT.apology)!];
  if (!acted) return result('soothing', 'fail', [...upsetSpans, ...ackSpans], 'acknowledged, then no action');
  return result('soothing', 'pass', [...upsetSpans, ...ackSpans, ...actSpans(acted)], 'acknowledged and acted');
}

/** After-sales: when the customer raises a return, refund, exchange or delivery, the agent states the process. */
export function processHandling(p: Prepared): RuleHit {
  if (!(p.customerLists & LIST_BIT.after_sales)) return NO_AFTER_SALES_MATTER;
  let matter: PreparedMessage | null = null;
  for (const m of p.all) {
    if (!matter) {
      if (isCustomer(m) && has(m, LIST_BIT.after_sales)) matter = m;
    } else if (isAgent(m) && has(m, LIST_BIT.process) && answers(kindOf(m))) {
      return result('process_handling', 'pass', spansOf(m, LIST_BIT.process), 'states the process');
    }
  }
  if (!matter) return NO_AFTER_SALES_MATTER;
  return result('process_handling', 'fail', spansOf(matter, LIST_BIT.after_sales), 'no process step stated');
}
