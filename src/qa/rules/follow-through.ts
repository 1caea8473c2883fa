import { LIST_BIT } from '../keywords';
import { AGENT, CUSTOMER, has, spansOf, type Prepared, type PreparedMessage } from '../prepare';
import { sameWording } from '../risk';
import type { RuleHit, Span } from '../types';
import { isAgent, isCustomer, na, result, whole } from './business';
import { acts, asksSomething, frustrated, kindOf } from './reading';
import { answers } from './replies';

/**
 * Answering: every customer question gets an answer (completeness), and the chat does not end on an
 * open question or problem, nor on a promise that does not say when (follow-through). An answer is a
 * reply with substance (rules/replies.ts): "请稍等" or an apology alone answers nothing, and the
 * answer may come in the agent's next message but one.
 */

const NO_QUESTION = na('completeness', 'no customer question');
const NOTHING_TO_FOLLOW = na('follow_through', 'no question, problem or promise');

/** Every customer question is answered by a later reply; a question asked again word for word was not. */
export function completeness(p: Prepared): RuleHit {
  // Most chats ask once: one pass without lists decides them.
  let questions = 0;
  let open: PreparedMessage | null = null;
  for (const m of p.all) {
    if (isCustomer(m)) {
      if (!asksSomething(m)) continue;
      questions++;
      open ??= m;
    } else if (open && isAgent(m) && answers(kindOf(m))) open = null;
  }
  if (!questions) return NO_QUESTION;
  if (questions > 1) return manyQuestions(p, questions);
  return open ? result('completeness', 'fail', [whole(open)], '1 of 1 questions unanswered') : result('completeness', 'pass', [], '1 question answered');
}

/**
 * The questions left unanswered: those after the last answer, and any answered one the customer asks
 * again in the same words (the answer did not answer it). Walked by index: the answered questions are
 * those before the last answer.
 */
function manyQuestions(p: Prepared, questions: number): RuleHit {
  const all = p.all;
  let pendingFrom = -1;
  let answeredUpTo = 0;
  let missed: PreparedMessage[] | null = null;
  for (let i = 0; i < all.length; i++) {
    const m = all[i]!;
    if (m.side === CUSTOMER) {
      if (!asksSomething(m)) continue;
      // Asked again in the same words: the reply to the first asking did not answer it.
      for (let j = 0; j < answeredUpTo; j++) {
        const q = all[j]!;
        if (q.side !== CUSTOMER || !asksSomething(q) || !sameWording(q.message.text, m.message.text)) continue;
        if (!missed?.includes(q)) (missed ??= []).push(q);
        break;
      }
      if (pendingFrom < 0) pendingFrom = i;
    } else if (pendingFrom >= 0 && m.side === AGENT && answers(kindOf(m))) {
      pendingFrom = -1;
      answeredUpTo = i;
    }
  }
  if (pendingFrom >= 0) for (let j = pendingFrom; j < all.length; j++) if (all[j]!.side === CUSTOMER && asksSomething(all[j]!)) (missed ??= []).push(all[j]!);
  if (!missed) return result('completeness', 'pass', [], `${questions} questions answered`);
  return result('completeness', 'fail', missed.map(whole), `${missed.length} of ${questions} questions unanswered`);
}

/** The last question or problem is answered before the end, and every promised action says when. */
export function followThrough(p: Prepared): RuleHit {
  let open: PreparedMessage | null = null;
  let raised = false;
  let promised = false;
  let lastAnswer: PreparedMessage | null = null;
  const vague: Span[] = [];
  for (const m of p.all) {
    if (isCustomer(m)) {
      if (asksSomething(m) || frustrated(m)) {
        raised = true;
        open ??= m;
      }
    } else if (isAgent(m)) {
      if (has(m, LIST_BIT.promise)) {
        promised = true;
        if (!has(m, LIST_BIT.time)) for (const s of spansOf(m, LIST_BIT.promise)) vague.push(s);
      }
      if (open && (answers(kindOf(m)) || acts(m))) {
        open = null;
        lastAnswer = m;
      }
    }
  }
  if (!raised && !promised) return NOTHING_TO_FOLLOW;
  if (open) return result('follow_through', 'fail', [whole(open), ...vague], 'left without an answer at the end');
  if (vague.length) return result('follow_through', 'fail', vague, 'a promise without a time');
  return result('follow_through', 'pass', lastAnswer ? [whole(lastAnswer)] : [], 'answered; promises say when');
}
