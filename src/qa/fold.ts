/**
 * Folding for matching — full-width to half-width, compatibility forms to their plain letter, lower
 * case — one UTF-16 unit for one, so an offset in folded text is the same offset in the original:
 * spans need no mapping table, and the matcher folds as it reads instead of building a folded copy.
 */
const FOLDED = new Uint16Array(0x10000);

// The ranges chats are made of fold by arithmetic, filled at once; any other unit is computed the
// first time it is seen (0 marks "not yet", unit 0 folds to itself).
for (let c = 1; c < 0x80; c++) FOLDED[c] = c >= 65 && c <= 90 ? c + 32 : c;
for (let c = 0xff01; c <= 0xff5e; c++) FOLDED[c] = FOLDED[c - 0xfee0]!;
for (const [from, to] of [
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xac00, 0xd7a3], // Hangul syllables
  [0xd800, 0xdfff], // surrogates: never folded, astral characters stay as they are
  [0xe000, 0xf8ff], // private use
] as const) {
  for (let c = from; c <= to; c++) FOLDED[c] = c;
}
FOLDED[0x3000] = 32; // the ideographic space
// Typographic apostrophes, as phones type them: don’t is don't.
FOLDED[0x2018] = FOLDED[0x2019] = 0x27;
// Dingbat circled digits ❶ ➀ ➊ (no compatibility mapping of their own) are digits too: a known evasion.
for (const start of [0x2776, 0x2780, 0x278a]) for (let d = 0; d < 9; d++) FOLDED[start + d] = 0x31 + d;

function computeFold(code: number): number {
  const ch = String.fromCharCode(code);
  const nfkc = ch.normalize('NFKC').toLowerCase();
  // Only one-for-one folds are taken (é, Ж → ж, ① → 1); expansions like ﬁ → fi keep the unit.
  if (nfkc.length === 1) return nfkc.charCodeAt(0);
  const lower = ch.toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : code;
}

/** The folded form of one UTF-16 unit. */
export function foldCode(code: number): number {
  const folded = FOLDED[code]!;
  if (folded !== 0 || code === 0) return folded;
  return (FOLDED[code] = computeFold(code));
}

/** The folded form of a unit if it is already known (every common range is), else -1. */
export function knownFold(code: number): number {
  const folded = FOLDED[code]!;
  return folded !== 0 || code === 0 ? folded : -1;
}

export function fold(text: string): string {
  let units: number[] | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = foldCode(c);
    if (f !== c && !units) {
      units = new Array<number>(text.length);
      for (let j = 0; j < i; j++) units[j] = text.charCodeAt(j);
    }
    if (units) units[i] = f;
  }
  if (!units) return text;
  if (units.length <= 8192) return String.fromCharCode(...units);
  // In slices: one call with a very long message's units as arguments would overflow the stack.
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.slice(i, i + 8192));
  return out;
}

export function foldKeyword(keyword: string): string {
  return fold(keyword.normalize('NFKC'));
}
