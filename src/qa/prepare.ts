import { SEEN_CONTACT, SEEN_LATIN, SEEN_QUESTION_MARK, type KeywordConfig } from './keywords';
import type { QaConversation, QaMessage, Span } from './types';

/** A message with every list's matches found in one pass. */
export interface PreparedMessage {
  message: QaMessage;
  /** LIST_BIT bits of the lists with at least one match here. */
  lists: number;
  /**
   * Every match in text order, three numbers each: its lists' bits, start and end (UTF-16 offsets in
   * the original text). Spans are made from these only for the evidence a rule reports.
   */
  matches: number[];
  /** A customer message that asks something. */
  question: boolean;
  /** Which groups of watched characters the scan saw in it (SEEN_… in keywords.ts). */
  seen: number;
  /**
   * How many digits, + and * (any width) it has, the scan's first group: never fewer than its digits, so
   * that a check needing more (nine for a phone number, twelve for an order number) can skip it.
   */
  digits: number;
  /** What the business rules read from the message (rules/reading.ts), as bits, once; 0 until first asked. */
  reading: number;
  /** CUSTOMER, AGENT or 0 (bot, system): the role as a number, for the loops that ask it of every message. */
  side: number;
}

export const CUSTOMER = 1;
export const AGENT = 2;

export interface Prepared {
  /** Customer-facing messages in time order: internal notes removed. */
  all: PreparedMessage[];
  customer: PreparedMessage[];
  /** Agent messages (bots and system excluded from wording and timing checks). */
  agent: PreparedMessage[];
  /** Customer and agent messages in order: what timing rules read. */
  conversational: PreparedMessage[];
  /** Whether every customer and agent message has a timestamp (timing rules need them). */
  timed: boolean;
  /**
   * The lists matched anywhere in the customers' messages, and in the agents': a rule whose lists the
   * chat never matched is decided without a loop over the messages (most chats raise no after-sales
   * matter, no frustration, no banned phrase).
   */
  customerLists: number;
  agentLists: number;
  conversation: QaConversation;
}

// English questions open a sentence with an auxiliary or a wh-word.
const ENGLISH_QUESTION = /(?:^|[.!;:]\s*)(?:how|what|when|where|why|which|who|can|could|is|are|do|does|did|will|would|should|may)\b/i;
/** Per UTF-16 unit: 1 for what may trail a question (spaces, 。.,，、!！~～…⋯), 2 for what ends one (吗呢么嘛 ? ？). */
const QUESTION_END = new Uint8Array(0x10000);
for (const c of ' \t\n。.,，、!！~～…⋯') QUESTION_END[c.charCodeAt(0)] = 1;
// A final question mark answers at once what the search for one below would.
for (const c of '吗呢么嘛?？') QUESTION_END[c.charCodeAt(0)] = 2;

const SEEN_ANY = SEEN_LATIN | SEEN_QUESTION_MARK;

/**
 * A question mark, a sentence-final 吗/呢/么/嘛, or an English question opening. `seen`: what the scan
 * saw of the text (a message's `seen`): the searches for a question mark, and for a Latin letter to
 * start the English check, are skipped where it saw none.
 */
export function isQuestion(text: string, seen = SEEN_ANY): boolean {
  return isQuestionIn(text, 0, text.length, seen);
}

/** isQuestion of text.slice(from, to), with no slice made unless the English check needs one. */
export function isQuestionIn(text: string, from: number, to: number, seen = SEEN_ANY): boolean {
  for (let i = to - 1; i >= from; i--) {
    const end = QUESTION_END[text.charCodeAt(i)];
    if (end === 1) continue;
    if (end === 2) return true;
    break;
  }
  if (seen & SEEN_QUESTION_MARK) {
    const mark = text.indexOf('?', from);
    if (mark >= 0 && mark < to) return true;
    const wide = text.indexOf('？', from);
    if (wide >= 0 && wide < to) return true;
  }
  if (!(seen & SEEN_LATIN)) return false;
  // HAS_LATIN's test, by hand: A–Z or a–z.
  for (let i = from; i < to; i++) if (((text.charCodeAt(i) | 32) - 97) >>> 0 < 26) return ENGLISH_QUESTION.test(from === 0 && to === text.length ? text : text.slice(from, to));
  return false;
}

/**
 * The empty list shared by every message without a match and every rule hit without ids or spans (no
 * allocation for what most chats have none of); frozen so that no caller can add to it.
 */
export const NONE = Object.freeze([]) as unknown as never[];

function prepareMessage(message: QaMessage, side: number, keywords: KeywordConfig): PreparedMessage {
  const prepared: PreparedMessage = { message, lists: 0, matches: NONE, question: false, seen: 0, digits: 0, reading: 0, side };
  if (!side) return prepared;
  const { matcher, listBits } = side === CUSTOMER ? keywords.customer : keywords.agent;
  const n = matcher.scan(message.text);
  const seen = matcher.seen;
  prepared.seen = seen;
  prepared.digits = matcher.firstGroupCount;
  if (side === CUSTOMER) prepared.question = isQuestion(message.text, seen);
  if (!n) return prepared;
  const hits = matcher.hits;
  // Sized once: a chat has a few matches per message, and an array grown by push reserves far more.
  const matches = new Array<number>(n * 3);
  for (let k = 0; k < n * 3; k += 3) {
    const lists = listBits[hits[k]!]!;
    prepared.lists |= lists;
    matches[k] = lists;
    matches[k + 1] = hits[k + 1]!;
    matches[k + 2] = hits[k + 2]!;
  }
  prepared.matches = matches;
  return prepared;
}

const at = (m: QaMessage) => m.createdAt ?? 0;

/** The visible messages (internal notes left out) in time order; those without timestamps keep their given order. */
function inTimeOrder(messages: QaMessage[]): QaMessage[] {
  const visible = messages.filter((m) => !m.internal);
  return visible.sort((a, b) => at(a) - at(b)); // a stable sort
}

export function prepare(conversation: QaConversation, keywords: KeywordConfig): Prepared {
  // Most chats come in time order without internal notes: they are prepared as given.
  const { messages } = conversation;
  return prepareMessages(inOrder(messages) ? messages : inTimeOrder(messages), conversation, keywords);
}

/**
 * Whether the messages are visible and in time order already. A loop of its own, before any scan: the
 * processor then fetches the messages from memory together rather than one per scan (~5% of AutoQA's
 * time in the bench, where the chats are out of cache). It asks for each role's length too: no valid
 * message has an empty role (and one would only take the sorting path, to the same list), but the role
 * is a string of its own as messages arrive from JSON or D1, and reading it here brings it in with the
 * others rather than one cache miss per scan (~2–3%).
 */
function inOrder(messages: QaMessage[]): boolean {
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i]!;
    const t = message.createdAt ?? 0;
    if (message.internal === true || t < previous || message.role.length === 0) return false;
    previous = t;
  }
  return true;
}

function prepareMessages(messages: QaMessage[], conversation: QaConversation, keywords: KeywordConfig): Prepared {
  const all: PreparedMessage[] = [];
  const customer: PreparedMessage[] = [];
  const agent: PreparedMessage[] = [];
  let timed = true;
  let customerLists = 0;
  let agentLists = 0;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i]!;
    const side = message.role === 'customer' ? CUSTOMER : message.role === 'agent' ? AGENT : 0;
    const p = prepareMessage(message, side, keywords);
    all.push(p);
    if (!side) continue;
    if (side === CUSTOMER) {
      customer.push(p);
      customerLists |= p.lists;
    } else {
      agent.push(p);
      agentLists |= p.lists;
    }
    timed &&= message.createdAt !== null;
  }
  // Most chats have no bot or system message: then the conversational messages are all of them.
  const conversational = customer.length + agent.length === all.length ? all : all.filter((p) => p.side !== 0);
  return { all, customer, agent, conversational, timed, customerLists, agentLists, conversation };
}

/**
 * Whether a message matched a list, given as its bit (`has(m, LIST_BIT.thanks)`). The helpers below take
 * bits rather than names: a name looked up inside one shared helper makes V8's property cache
 * megamorphic, and these run for every message.
 */
export const has = (p: PreparedMessage, bit: number) => (p.lists & bit) !== 0;

/** Whether a message has a digit, a Latin letter or @ . + * (any width): what contact details are made of. */
export const hasContactCharacters = (p: PreparedMessage) => (p.seen & SEEN_CONTACT) !== 0;

const spanAt = (p: PreparedMessage, k: number): Span => {
  const start = p.matches[k + 1]!;
  const end = p.matches[k + 2]!;
  return { messageId: p.message.id, start, end, text: p.message.text.slice(start, end) };
};

/** Whether the match at `k` overlaps a match of the lists in `bits`. */
function overlaps(p: PreparedMessage, k: number, bits: number): boolean {
  const { matches } = p;
  for (let j = 0; j < matches.length; j += 3) {
    if (matches[j]! & bits && matches[j + 1]! < matches[k + 2]! && matches[k + 1]! < matches[j + 2]!) return true;
  }
  return false;
}

/** Spans of a list in a message, less those that a match of the `exceptions` list overlaps. */
export function spansOf(p: PreparedMessage, bit: number, exceptions = 0): Span[] {
  if (!(p.lists & bit)) return NONE;
  const ex = p.lists & exceptions;
  let spans: Span[] = NONE;
  for (let k = 0; k < p.matches.length; k += 3) if (p.matches[k]! & bit && !(ex && overlaps(p, k, ex))) spans = withSpan(spans, spanAt(p, k));
  return spans;
}

/**
 * `spans` with `span` added: the first makes a list of one, not the 17 places a list grown by push
 * reserves (most lists here hold one span, and the garbage slows the whole pass).
 */
function withSpan(spans: Span[], span: Span): Span[] {
  if (spans === NONE) return [span];
  spans.push(span);
  return spans;
}

/** Whether a message has a match of a list that no match of the `exceptions` list overlaps. */
export function hasBeyondExceptions(p: PreparedMessage, bit: number, exceptions: number): boolean {
  if (!(p.lists & bit)) return false;
  const ex = p.lists & exceptions;
  if (!ex) return true;
  for (let k = 0; k < p.matches.length; k += 3) if (p.matches[k]! & bit && !overlaps(p, k, ex)) return true;
  return false;
}

/** How many matches of a list a message has that no match of the `exceptions` list overlaps. */
export function countBeyondExceptions(p: PreparedMessage, bit: number, exceptions = 0): number {
  if (!(p.lists & bit)) return 0;
  const ex = p.lists & exceptions;
  let n = 0;
  for (let k = 0; k < p.matches.length; k += 3) if (p.matches[k]! & bit && !(ex && overlaps(p, k, ex))) n++;
  return n;
}

/** Where in `matches` the first match of a list is, or -1. */
export function firstMatch(p: PreparedMessage, bit: number): number {
  if (p.lists & bit) for (let k = 0; k < p.matches.length; k += 3) if (p.matches[k]! & bit) return k;
  return -1;
}

/** The first span of a list in a message, if any. */
export function firstSpan(p: PreparedMessage, bit: number): Span | undefined {
  const k = firstMatch(p, bit);
  return k < 0 ? undefined : spanAt(p, k);
}

/** Spans of a list across messages, less those a match of the `exceptions` list overlaps. */
export function spansIn(messages: PreparedMessage[], bit: number, exceptions = 0): Span[] {
  let out: Span[] = NONE;
  for (const m of messages) if (has(m, bit)) for (const s of spansOf(m, bit, exceptions)) out = withSpan(out, s);
  return out;
}

/** The ids of the messages the spans are in, each once, in order. */
export function messageIdsOf(spans: Span[]): string[] {
  if (!spans.length) return NONE;
  // Spans come grouped by message: comparing with the last id settles most of them.
  const ids: string[] = [spans[0]!.messageId];
  let last = ids[0];
  for (let i = 1; i < spans.length; i++) {
    const id = spans[i]!.messageId;
    if (id !== last && !ids.includes(id)) ids.push(id);
    last = id;
  }
  return ids;
}
