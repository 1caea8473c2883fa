import { LIST_BIT } from '../keywords';
import { countBeyondExceptions, firstMatch, has, isQuestion, isQuestionIn, type PreparedMessage } from '../prepare';

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

const PARTICLES = '的了吗呢哦噢啊呀吧哈啦嘛么哟喔滴';
/** Sentence ends: 。 . ! ！ ? ？ ~ ～ and a line break. */
const SENTENCE_ENDS = '。.!！?？~～\n';
/** Clause ends: sentence ends, commas, semicolons and colons (ASCII and full-width). */
const CLAUSE_ENDS = `${SENTENCE_ENDS},，、;；:：`;
const CLAUSE_END = 255;
const SENTENCE_END = 254;

/**
 * Per UTF-16 unit, its weight in what a message says (Han 3, a particle 1, a letter or digit 2, else 0),
 * or CLAUSE_END / SENTENCE_END: one lookup per character.
 */
const WEIGHT = new Uint8Array(0x10000);
for (const [from, to] of [
  [0x4e00, 0x9fff],
  [0x3400, 0x4dbf],
  [0xac00, 0xd7a3],
] as const) {
  WEIGHT.fill(HAN, from, to + 1);
}
for (const [from, to] of [
  [48, 57],
  [65, 90],
  [97, 122],
  [0xff10, 0xff19],
  [0xff21, 0xff3a],
  [0xff41, 0xff5a],
  // Other scripts' letters (accented Latin, Greek, Cyrillic); not punctuation, symbols or emoji.
  [0xc0, 0x24f],
  [0x370, 0x52f],
] as const) {
  WEIGHT.fill(LETTER, from, to + 1);
}
for (const c of PARTICLES) WEIGHT[c.charCodeAt(0)] = PARTICLE;
for (const c of CLAUSE_ENDS) WEIGHT[c.charCodeAt(0)] = CLAUSE_END;
for (const c of SENTENCE_ENDS) WEIGHT[c.charCodeAt(0)] = SENTENCE_END;
const isSentenceEnd = (c: number) => WEIGHT[c] === SENTENCE_END;

/** Whether a match of the lists in `bits` lies within [from, to). */
function matched(m: PreparedMessage, bits: number, from: number, to: number): boolean {
  const { matches } = m;
  for (let k = 0; k < matches.length; k += 3) if (matches[k]! & bits && matches[k + 1]! < to && from < matches[k + 2]!) return true;
  return false;
}

/**
 * The positions the phrases taken out cover, for the message `substantive` is reading: a position is
 * covered when it holds the current stamp. Reused from call to call, so nothing is cleared or allocated.
 */
let covered = new Int32Array(256);
let stamp = 0;

/**
 * Whether a message says something beyond courtesy: greeting and waiting phrases (and the lists in
 * `alsoIgnore`) are taken out, and so are whole clauses with an apology, acknowledgement or closing
 * phrase. Text in square brackets is left out too: platforms write emoji and stickers as [微笑], [呵呵].
 */
export function substantive(m: PreparedMessage, alsoIgnore = 0, enough = SUBSTANCE): boolean {
  const text = m.message.text;
  const phrases = m.lists & (COURTESY_PHRASES | alsoIgnore);
  const clauses = m.lists & COURTESY_CLAUSES;
  if (phrases) {
    if (covered.length < text.length) covered = new Int32Array(text.length * 2);
    if (++stamp > 0x3fffffff) {
      covered.fill(0);
      stamp = 1;
    }
    const { matches } = m;
    // A loop, not covered.fill: a typed array's fill is a call into the runtime, dearer than a phrase's few positions.
    for (let k = 0; k < matches.length; k += 3) if (matches[k]! & phrases) for (let i = matches[k + 1]!; i < matches[k + 2]!; i++) covered[i] = stamp;
  }
  let total = 0;
  let clause = 0;
  let clauseStart = 0;
  let bracket = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    const w = WEIGHT[c]!;
    if (w >= SENTENCE_END) {
      if (clause && !(clauses && matched(m, clauses, clauseStart, i))) {
        total += clause;
        if (total >= enough) return true;
      }
      clause = 0;
      clauseStart = i + 1;
    } else if (c === 91 || c === 93) bracket = c === 91; // [ and ]
    else if (w && !bracket && !(phrases && covered[i] === stamp)) {
      clause += w;
      // Without a courtesy clause to take back, the sum only grows: enough is enough at once.
      if (!clauses && total + clause >= enough) return true;
    }
  }
  return false;
}

/**
 * Whether an agent message asks the customer something (请问…, 是否…, or a question), its closing
 * question aside: the sentence of its first closing phrase, when that is a question (还有什么可以帮您的吗？),
 * asks nothing and says nothing (感谢您的支持 is no question, and stays).
 */
export function asks(m: PreparedMessage): boolean {
  const text = m.message.text;
  const k = firstMatch(m, LIST_BIT.closing);
  let start = 0;
  let end = 0;
  if (k >= 0) {
    start = m.matches[k + 1]!;
    while (start > 0 && !isSentenceEnd(text.charCodeAt(start - 1))) start--;
    end = m.matches[k + 2]!;
    while (end < text.length && !isSentenceEnd(text.charCodeAt(end))) end++;
    if (end < text.length) end++; // the ? or 。 that ends it
  }
  if (!end || !isQuestionIn(text, start, end, m.seen)) return has(m, LIST_BIT.asking) || isQuestion(text, m.seen);
  const { matches } = m;
  for (let j = 0; j < matches.length; j += 3) if (matches[j]! & LIST_BIT.asking && (matches[j + 2]! <= start || matches[j + 1]! >= end)) return true;
  // The rest of the message, read in place where the closing question ends or opens it.
  if (end === text.length) return isQuestionIn(text, 0, start, m.seen);
  if (start === 0) return isQuestionIn(text, end, text.length, m.seen);
  return isQuestion(text.slice(0, start) + text.slice(end), m.seen);
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

/** A reply that answers: a solution or an answer in the agent's own words. */
export const answers = (kind: ReplyKind) => kind === SOLUTION || kind === CONTENT;

/** An agent question about the customer's situation (not a courtesy one such as 还有什么可以帮您). */
export function explores(m: PreparedMessage): boolean {
  if (has(m, LIST_BIT.needs)) return true;
  return asks(m) && substantive(m, LIST_BIT.greeting | LIST_BIT.closing);
}
