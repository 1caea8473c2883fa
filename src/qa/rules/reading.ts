import { LIST_BIT } from '../keywords';
import { hasBeyondExceptions, type PreparedMessage } from '../prepare';
import { answers, REQUEST, replyKind, SOLUTION, substantive, type ReplyKind } from './replies';

/**
 * What the business rules read from a message, worked out once and kept on it as bits (`reading`):
 * six rules ask the same questions of the same messages, and these run for every conversation.
 */
const KNOWN = 1 << 8;
// Agent messages: the reply kind in the low three bits, and whether the reply acts.
const KIND = 7;
const ACTS = 1 << 3;
// Customer messages.
const FRUSTRATED = 1;
const REQUEST_BIT = 2;
const ASKS = 4;
const SOLVED = 8;

const { negative, escalation, after_sales, abusive, abusive_exceptions, thanks, resolved, resolved_exceptions, promise, time, process } = LIST_BIT;

function readAgent(m: PreparedMessage): number {
  if (m.reading & KNOWN) return m.reading;
  const kind = replyKind(m);
  const lists = m.lists;
  // Acting: a solution, a process step that says something, or a promise that says when.
  const acting = kind === SOLUTION || (lists & promise && lists & time) || (lists & process && answers(kind));
  return (m.reading = KNOWN | kind | (acting ? ACTS : 0));
}

/** The lists a customer message needs a match of to be upset (readCustomer). */
export const UPSET_LISTS = negative | escalation | abusive;

function readCustomer(m: PreparedMessage): number {
  if (m.reading & KNOWN) return m.reading;
  const lists = m.lists;
  // An escalation word that only names an after-sales matter (退款, refund) is no sign of being upset.
  const upset = lists !== 0 && ((lists & negative) !== 0 || hasBeyondExceptions(m, escalation, after_sales) || hasBeyondExceptions(m, abusive, abusive_exceptions));
  const named = upset || (lists & after_sales) !== 0;
  // Substance beyond greetings and thanks: 在吗, 你好, 谢谢 raise nothing.
  const enough = (m.question || !named) && substantive(m, thanks, REQUEST);
  const request = named || enough;
  const asks = m.question && enough;
  const solved = !m.question && !(lists & negative) && lists & resolved && hasBeyondExceptions(m, resolved, resolved_exceptions);
  return (m.reading = KNOWN | (upset ? FRUSTRATED : 0) | (request ? REQUEST_BIT : 0) | (asks ? ASKS : 0) | (solved ? SOLVED : 0));
}

/** What an agent reply does (replies.ts). */
export const kindOf = (m: PreparedMessage) => (readAgent(m) & KIND) as ReplyKind;
/** The agent acting: a solution, a process step, or a promise that says when. */
export const acts = (m: PreparedMessage) => (readAgent(m) & ACTS) !== 0;

/**
 * Frustration: a negative, abusive or escalation word from the customer (not 退款 alone). A message
 * with none of those lists is answered without the rest of the reading (its substance, above all).
 */
export const frustrated = (m: PreparedMessage) => (m.lists & UPSET_LISTS) !== 0 && (readCustomer(m) & FRUSTRATED) !== 0;
/** Something to solve: frustration, an after-sales matter, or a request in substance. */
export const raises = (m: PreparedMessage) => (readCustomer(m) & REQUEST_BIT) !== 0;
/** A customer question worth an answer: 在吗？ and 你好？ ask nothing. */
export const asksSomething = (m: PreparedMessage) => m.question && (readCustomer(m) & ASKS) !== 0;
/** The customer confirming the problem is solved: a `resolved` phrase, not asked, not in a complaint. */
export const confirmsSolved = (m: PreparedMessage) => (readCustomer(m) & SOLVED) !== 0;
