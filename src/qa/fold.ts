/**
 * Folds text for matching — full-width to half-width and lower case — one UTF-16 unit for one, so a
 * match's offsets in the folded text are its offsets in the original: spans need no mapping table.
 */
const ASCII_SAFE = /^[\x00-\x7f]*$/;
const cache = new Map<number, string>();

/** One unit folded by arithmetic where it can be (ASCII, full-width forms ＡＢＣ１２３, the ideographic space). */
function foldUnit(code: number): string {
  if (code < 0x80) return String.fromCharCode(code >= 65 && code <= 90 ? code + 32 : code);
  if (code >= 0xff01 && code <= 0xff5e) return foldUnit(code - 0xfee0);
  if (code === 0x3000) return ' ';
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0xd800 && code <= 0xdfff)) return String.fromCharCode(code);
  let folded = cache.get(code);
  if (folded === undefined) {
    const ch = String.fromCharCode(code);
    const candidate = ch.normalize('NFKC').toLowerCase();
    // Only one-for-one folds are taken (é, Ж → ж); expansions like ﬁ → fi keep the unit as it is.
    folded = candidate.length === 1 ? candidate : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
    cache.set(code, folded);
  }
  return folded;
}

// Text made only of ASCII, Latin-1, CJK punctuation, Han and full-width forms folds with two native
// replaces; anything else (Cyrillic, rare compatibility characters) takes the unit-by-unit path.
const COMMON = /^[\x00-\xff\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]*$/;
const FULL_WIDTH = /[\uff01-\uff5e]/g;

export function fold(original: string): string {
  if (ASCII_SAFE.test(original)) return original.toLowerCase();
  if (COMMON.test(original)) {
    return original
      .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/\u3000/g, ' ')
      .replace(/[A-Z]/g, (c) => c.toLowerCase());
  }
  let out = '';
  for (let i = 0; i < original.length; i++) out += foldUnit(original.charCodeAt(i));
  return out;
}

export function foldKeyword(keyword: string): string {
  return fold(keyword.normalize('NFKC'));
}
