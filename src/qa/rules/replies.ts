import { LIST_BIT } from '../keywords';
import { countBeyondExceptions, firstSpan, has, isQuestion, type PreparedMessage } from '../prepare';

/**
 * What an agent reply does, read from its phrase matches: the business items (business.ts) build on
 * this. Checked in this order, the first that holds:
 * - `SOLUTION`: a concrete step, option, explanation, policy or action taken (the `solution` list,
 *   less matches a `deflection` phrase takes back: 建议您私信 is not advice), more of them than deflections;
 * - `DEFLECTION`: passing it on, asking for details or a private message, asking to wait;
 * - `VAGUE_PROMISE`: a promised action with no time (我们会尽快处理);
 * - `COURTESY`: nothing beyond greeting, waiting, closing, apology and acknowledgement phrases;
 * - `ASKS_BACK`: a question to the customer;
 * - `CONTENT`: anything else said in substance — an answer in the agent's own words.
 */
export const SOLUTION = 1;
export const DEFLECTION = 2;
export const VAGUE_PROMISE = 3;
export const COURTESY = 4;
export const ASKS_BACK = 5;
export const CONTENT = 6;
export type ReplyKind = 1 | 2 | 3 | 4 | 5 | 6;

/** Phrases that say nothing in substance: what is left without them is what the reply says. */
const COURTESY_LISTS = LIST_BIT.greeting | LIST_BIT.waiting | LIST_BIT.closing | LIST_BIT.apology | LIST_BIT.acknowledge;
/** A Han character weighs as much as three Latin letters (about a short word). */
const HAN = 3;
/** Four Han characters, or twelve letters or digits: "有的亲" is not yet an answer, "L码有货" is. */
const SUBSTANCE = 12;

function weight(c: number): number {
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xac00 && c <= 0xd7a3)) return HAN;
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xff10 && c <= 0xff5a)) return 1;
  // Other scripts' letters (Cyrillic, Greek, accented Latin); not punctuation, symbols, emoji or surrogates.
  if ((c >= 0xc0 && c <= 0x24f) || (c >= 0x370 && c <= 0x52f)) return 1;
  return 0;
}

/**
 * Whether a message says something beyond courtesy phrases (`alsoIgnore`: more lists to take out).
 * Text in square brackets is left out too: chat platforms write emoji and stickers as [微笑], [呵呵].
 */
export function substantive(m: PreparedMessage, alsoIgnore = 0): boolean {
  const text = m.message.text;
  const ignore = m.lists & (COURTESY_LISTS | alsoIgnore);
  const { matches } = m;
  let total = 0;
  let bracket = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 93) bracket = c === 91; // [ and ]
    const w = bracket ? 0 : weight(c);
    if (!w) continue;
    let covered = false;
    if (ignore) for (let k = 0; k < matches.length && !covered; k += 3) covered = (matches[k]! & ignore) !== 0 && matches[k + 1]! <= i && i < matches[k + 2]!;
    if (covered) continue;
    total += w;
    if (total >= SUBSTANCE) return true;
  }
  return false;
}

// Agents ask politely and often without a question mark: 请问…, 是否…, 多少.
const ASKING = /请问|是否|多少|能否|可否|\b(?:could|can|would) you\b/i;

const SENTENCE_END = /[。.!！?？~～\n]/;

/**
 * Whether an agent message asks the customer something. A closing question (还有什么可以帮您的吗？)
 * asks nothing: only the text before the sentence that holds the closing phrase is read.
 */
export function asks(m: PreparedMessage): boolean {
  let text = m.message.text;
  const closing = m.lists & LIST_BIT.closing ? firstSpan(m, LIST_BIT.closing) : undefined;
  if (closing) {
    let start = closing.start;
    while (start > 0 && !SENTENCE_END.test(text[start - 1]!)) start--;
    text = text.slice(0, start);
  }
  return isQuestion(text) || ASKING.test(text);
}

export function replyKind(m: PreparedMessage): ReplyKind {
  if (m.lists & (LIST_BIT.solution | LIST_BIT.deflection)) {
    // A reply mixing both is what it mostly says: 由于您未提供信息，请私信… deflects.
    const steps = countBeyondExceptions(m, LIST_BIT.solution, LIST_BIT.deflection);
    if (steps > countBeyondExceptions(m, LIST_BIT.deflection)) return SOLUTION;
    if (has(m, LIST_BIT.deflection)) return DEFLECTION;
  }
  if (has(m, LIST_BIT.promise) && !has(m, LIST_BIT.time)) return VAGUE_PROMISE;
  if (!substantive(m)) return COURTESY;
  return asks(m) ? ASKS_BACK : CONTENT;
}

/** The kind of an agent reply, read once per message. */
export const kindOf = (m: PreparedMessage): ReplyKind => (m.reply ||= replyKind(m)) as ReplyKind;

/** A reply that answers: a solution or an answer in the agent's own words. */
export const answers = (kind: ReplyKind) => kind === SOLUTION || kind === CONTENT;

/** An agent question about the customer's situation (not a courtesy one such as 还有什么可以帮您). */
export function explores(m: PreparedMessage): boolean {
  if (has(m, LIST_BIT.needs)) return true;
  return asks(m) && substantive(m, LIST_BIT.greeting | LIST_BIT.closing);
}
