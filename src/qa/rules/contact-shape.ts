import { fold, foldCode } from '../fold';

/**
 * What a message holds that the contact patterns (phone, e-mail, QQ, WeChat handle, link) need,
 * counted in one pass: most chat messages have too few digits and letters for any of them, and
 * are done with after this pass.
 */
export interface ContactShape {
  /** Digits and the mask's *. */
  digits: number;
  letters: number;
  at: boolean;
  /** A dot before a letter, as in a domain name (a sentence's full stop is followed by a space). */
  dot: boolean;
  plus: boolean;
  /** A word that introduces a QQ number or a WeChat handle. */
  cue: boolean;
  /** The text as the patterns read it: folded where it holds compatibility forms (they ignore case). */
  text: string;
}

/** Words that introduce a QQ number or a WeChat handle: the agent's automaton finds them too (keywords.ts). */
export const CONTACT_CUES = ['qq', '扣扣', '企鹅', '微信', 'v信', 'vx', 'wx', '薇信', '威信', 'weixin', 'wechat'];
const CUE = new RegExp(CONTACT_CUES.join('|'), 'i');

/**
 * The ASCII character each unit folds to (letters in lower case), or 0: over the ranges where chat
 * text keeps its compatibility forms (full-width, circled and super/subscript digits, Roman numerals,
 * spaces). A table, because V8 runs a regex class with wide non-ASCII ranges several times slower.
 */
const ASCII_OF = new Uint8Array(0x10000);
for (const [from, to] of [
  [0x00, 0xff],
  [0x2000, 0x218f],
  [0x2460, 0x24ff],
  [0x2776, 0x2793],
  [0x3000, 0x303f],
  [0xff00, 0xffef],
] as const) {
  for (let c = from; c <= to; c++) {
    const f = foldCode(c);
    ASCII_OF[c] = f < 128 ? f : 0;
  }
}

const isLetter = (c: number) => c >= 97 && c <= 122;

export function contactShape(text: string): ContactShape {
  let digits = 0;
  let letters = 0;
  let at = false;
  let dot = false;
  let plus = false;
  let wide = false;
  for (let i = 0; i < text.length; i++) {
    const raw = text.charCodeAt(i);
    if (raw >= 0x3400 && raw <= 0x9fff) continue; // Han, most of a Chinese chat: never ASCII, no table read
    const c = ASCII_OF[raw]!;
    if (c === 0) continue;
    // A compatibility digit, letter or symbol the patterns use (①, －, ＠): fold before matching.
    if (raw >= 128 && !wide) wide = (c >= 48 && c <= 57) || isLetter(c) || c === 42 || c === 43 || c === 45 || c === 46 || c === 64 || c === 95;
    if ((c >= 48 && c <= 57) || c === 42) digits++;
    else if (isLetter(c)) letters++;
    else if (c === 64) at = true;
    else if (c === 46) dot ||= isLetter(ASCII_OF[text.charCodeAt(i + 1)] ?? 0);
    else if (c === 43) plus = true;
  }
  const patternText = wide ? fold(text) : text;
  const cue = (digits >= 5 || letters >= 5) && CUE.test(patternText);
  return { digits, letters, at, dot, plus, cue, text: patternText };
}

/** Whether any contact pattern can match at all. */
export const mayHoldContact = (s: ContactShape) => s.digits >= 9 || s.cue || s.dot || s.at;
