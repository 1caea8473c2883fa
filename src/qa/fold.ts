/**
 * Folds text for matching — full-width to half-width (NFKC) and lower case — keeping, for every folded
 * UTF-16 unit, the offset in the original text it came from, so matches map back to exact spans.
 */
export interface Folded {
  text: string;
  /** origin[i] = offset in the original text of folded unit i; origin[text.length] = original length. */
  origin: number[];
}

const ASCII_SAFE = /^[\x00-\x7f]*$/;

export function fold(original: string): Folded {
  if (ASCII_SAFE.test(original)) {
    const origin = Array.from({ length: original.length + 1 }, (_, i) => i);
    return { text: original.toLowerCase(), origin };
  }
  let text = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of original) {
    const folded = ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < folded.length; k++) origin.push(i);
    text += folded;
    i += ch.length;
  }
  origin.push(original.length);
  return { text, origin };
}

/** The original [start, end) of folded [start, end). */
export function originalRange(f: Folded, start: number, end: number): [number, number] {
  const s = f.origin[start]!;
  // The end is the start of the unit after the last one, in the original.
  let e = f.origin[end] ?? f.origin[f.origin.length - 1]!;
  if (e <= s) e = s + 1;
  return [s, e];
}

export function foldKeyword(keyword: string): string {
  return keyword.normalize('NFKC').toLowerCase();
}
