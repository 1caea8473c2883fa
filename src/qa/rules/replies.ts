import { LIST_BIT } from '../keywords';
import { countBeyondExceptions, firstSpan, has, isQuestion, type PreparedMessage } from '../prepare';

/**
 * What an agent reply does, read from its phrase matches: the business items (business.ts) build on
 * this. Checked in this order, the first that holds:
 * - `SOLUTION`: a concrete step, option, explanation, policy or action taken (the `solution` list,
 *   less matches a `deflection` phrase takes back: 建议您私信 is not advice), more of them than deflections;
 * - `DEFLECTION`: passing it on, asking for details or a private message, asking to wait;
 * - `VAGUE_PROMISE`: a promised action with no time (我们会尽快处理);
 * - `COURTESY`: a waiting phrase (请稍等，我帮您查一下), or nothing beyond greeting, closing, apology and
 *   acknowledgement phrases;
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
const COURTESY_PHRASES = LIST_BIT.greeting | LIST_BIT.waiting;
/** Phrases whose whole clause says nothing: "I'm so sorry about that", "真的非常抱歉", "感谢您对我们的支持". */
const COURTESY_CLAUSES = LIST_BIT.apology | LIST_BIT.acknowledge | LIST_BIT.closing;
/** A Han character weighs as much as one and a half Latin letters or digits; a particle (的, 吗, 哦) a third of one. */
const HAN = 3;
const PARTICLE = 1;
const LETTER = 2;
/** "有的", "是的", "Yes" answer; "亲", "嗯", "的吗", "ok"… do not. */
const SUBSTANCE = 4;
/** A customer raises something with a little more (有货吗, 有L码吗), not with 在吗, 你好 or hello. */
export const REQUEST = 7;

const PARTICLES = new Set([...'的了吗呢哦噢啊呀吧哈啦嘛么哟喔滴'].map((c) => c.charCodeAt(0)));
const isSentenceEnd = (c: number) => c === 0x3002 || c === 46 || c === 33 || c === 0xff01 || c === 63 || c === 0xff1f || c === 126 || c === 0xff5e || c === 10;
/** Clauses end at sentence ends and at commas, semicolons and colons (ASCII and full-width). */
const isClauseEnd = (c: number) => isSentenceEnd(c) || c === 44 || c === 0xff0c || c === 0x3001 || c === 59 || c === 0xff1b || c === 58 || c === 0xff1a;

function weight(c: number): number {
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xac00 && c <= 0xd7a3)) return PARTICLES.has(c) ? PARTICLE : HAN;
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xff10 && c <= 0xff5a)) return LETTER;
  // Other scripts' letters (Cyrillic, Greek, accented Latin); not punctuation, symbols, emoji or surrogates.
  if ((c >= 0xc0 && c <= 0x24f) || (c >= 0x370 && c <= 0x52f)) return LETTER;
  return 0;
}

/** Whether a match of the lists in `bits` covers position i, or (`clause`) lies within [from, to). */
function matched(m: PreparedMessage, bits: number, from: number, to: number): boolean {
  const { matches } = m;
  for (let k = 0; k < matches.length; k += 3) if (matches[k]! & bits && matches[k + 1]! < to && from < matches[k + 2]!) return true;
  return false;
}

/**
 * Whether a message says something beyond courtesy: greeting and waiting phrases (and the lists in
 * `alsoIgnore`) are taken out, and so are whole clauses with an apology, acknowledgement or closing
 * phrase. Text in square brackets is left out too: platforms write emoji and stickers as [微笑], [呵呵].
 */
export function substantive(m: PreparedMessage, alsoIgnore = 0, enough = SUBSTANCE): boolean {
  const text = m.message.text;
  const phrases = m.lists & (COURTESY_PHRASES | alsoIgnore);
  const clauses = m.lists & COURTESY_CLAUSES;
  let total = 0;
  let clause = 0;
  let clauseStart = 0;
  let bracket = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (isClauseEnd(c)) {
      if (clause && !(clauses && matched(m, clauses, clauseStart, i))) {
        total += clause;
        if (total >= enough) return true;
      }
      clause = 0;
      clauseStart = i + 1;
      continue;
    }
    if (c === 91 || c === 93) bracket = c === 91; // [ and ]
    const w = bracket ? 0 : weight(c);
    if (w && !(phrases && matched(m, phrases, i, i + 1))) clause += w;
  }
  return false;
}

const NO_SENTENCE: [number, number] = [0, 0];

/**
 * Where the closing question of a message (还有什么可以帮您的吗？) begins and ends: it asks nothing and
 * says nothing. [0, 0] when the sentence of the first closing phrase is no question (感谢您的支持).
 */
function closingQuestion(m: PreparedMessage): [number, number] {
  const span = m.lists & LIST_BIT.closing ? firstSpan(m, LIST_BIT.closing) : undefined;
  if (!span) return NO_SENTENCE;
  const text = m.message.text;
  let start = span.start;
  while (start > 0 && !isSentenceEnd(text.charCodeAt(start - 1))) start--;
  let end = span.end;
  while (end < text.length && !isSentenceEnd(text.charCodeAt(end))) end++;
  if (end < text.length) end++; // the ? or 。 that ends it
  return isQuestion(text.slice(start, end)) ? [start, end] : NO_SENTENCE;
}

// Agents ask politely and often without a question mark: 请问…, 是否…, 多少.
const ASKING = /请问|是否|多少|能否|可否|\b(?:could|can|would) you\b/i;

/** Whether an agent message asks the customer something, its closing question aside. */
export function asks(m: PreparedMessage): boolean {
  const [start, end] = closingQuestion(m);
  const text = end ? m.message.text.slice(0, start) + m.message.text.slice(end) : m.message.text;
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
  // 请稍等，我帮您查一下 promises an answer; it is not one.
  if (m.lists & LIST_BIT.waiting || !substantive(m)) return COURTESY;
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
