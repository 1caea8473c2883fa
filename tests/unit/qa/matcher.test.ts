import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, foldCode } from '../../../src/qa/fold';
import { KeywordMatcher } from '../../../src/qa/matcher';

// Any UTF-16 unit, lone surrogates included: fold works unit by unit.
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

describe('fold', () => {
  it.each([
    ['ＡＢＣ１２３', 'abc123', 'full-width letters and digits'],
    ['Hello WORLD', 'hello world', 'ASCII upper case'],
    ['亲　在的', '亲 在的', 'the ideographic space'],
    ['①③⑧', '138', 'circled digits'],
    ['don’t ‘this’', "don't 'this'", 'typographic apostrophes'],
    ['ЖАРА Éclair', 'жара éclair', 'other scripts lower-cased'],
    ['１３８－１２３４', '138-1234', 'the full-width dash'],
    ['我要投诉', '我要投诉', 'Han unchanged'],
  ])('folds %s to %s (%s)', (text, folded) => {
    expect(fold(text)).toBe(folded);
  });

  it('keeps a unit whose compatibility form is longer than one unit', () => {
    // ﬁ is "fi" under NFKC: two units for one, so it stays as it is; so does ⑩ ("10").
    expect(fold('ﬁne ⑩')).toBe('ﬁne ⑩');
  });

  it('leaves astral characters (surrogate pairs) alone', () => {
    expect(fold('好😊Ａ')).toBe('好😊a');
  });

  it('folds one unit at a time like foldCode', () => {
    expect(foldCode('Ｍ'.charCodeAt(0))).toBe('m'.charCodeAt(0));
    expect(foldCode('②'.charCodeAt(0))).toBe('2'.charCodeAt(0));
    expect(foldCode(0)).toBe(0);
  });

  it('folds unit by unit like foldCode, so the output has the input’s length (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyUnit, maxLength: 40 }), fc.string({ unit: fc.constantFrom('Ａ', 'ｚ', '１', '①', '’', '　', 'É', '亲', 'a', ' '), maxLength: 40 }), (any, chat) => {
        for (const text of [any, chat, any + chat]) {
          const byUnit = Array.from({ length: text.length }, (_, i) => String.fromCharCode(foldCode(text.charCodeAt(i)))).join('');
          expect(fold(text)).toBe(byUnit);
        }
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });

  // The folded units are turned back into a string in slices: all at once, as arguments to one call,
  // they would pass the engine's argument limit.
  it('folds a very long text that needs folding without throwing', () => {
    const long = 'Ａ'.repeat(300_000);
    expect(fold(long)).toBe('a'.repeat(300_000));
  });
});

/** The reference: every occurrence of each folded keyword in the folded text, Latin ones at word boundaries. */
function naive(keywords: readonly string[], text: string): string[] {
  const wordish = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);
  const folded = fold(text);
  const found: string[] = [];
  for (const keyword of new Set(keywords)) {
    const k = fold(keyword);
    if (!k.trim()) continue;
    for (let at = folded.indexOf(k); at >= 0; at = folded.indexOf(k, at + 1)) {
      const end = at + k.length;
      if (wordish(k[0]) && wordish(folded[at - 1])) continue;
      if (wordish(k.at(-1)) && wordish(folded[end])) continue;
      found.push(`${keyword}@${at}-${end}`);
    }
  }
  return found.sort();
}
// Sorted lists rather than sets, so that a match reported twice shows too.
const found = (m: KeywordMatcher, text: string) => m.findAll(text).map((x) => `${x.keyword}@${x.start}-${x.end}`).sort();

// CJK, ASCII letters and digits, their full-width forms, folds computed on first sight (①, É, Ж), spaces.
const ALPHABET = ['你', '好', '不', '知', '道', '滚', 'a', 'b', 'e', 'A', 'B', '1', '2', 'ａ', 'Ｂ', '１', '①', 'É', 'é', 'Ж', 'ж', "'", '’', '-', ' ', '　'];
// Characters a matcher is asked to note (KeywordMatcher's second argument), given in any width.
const WATCHED = fc.constantFrom('', '12', 'a1', 'ａ@', '好é', "0123456789@'");
const sawAny = (watched: string, text: string) => [...fold(text)].some((c) => fold(watched).includes(c));
const word = (maxLength: number) => fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength }).map((a) => a.join(''));

describe('KeywordMatcher (properties)', () => {
  it('finds what the naive reference finds, over random keyword sets and texts', () => {
    const world = fc.array(word(4), { minLength: 1, maxLength: 8 }).chain((keywords) =>
      // Texts glue random characters and whole keywords, so that matches overlap and share prefixes.
      fc.tuple(fc.constant(keywords), fc.array(fc.oneof(fc.constantFrom(...ALPHABET), fc.constantFrom(...keywords)), { maxLength: 30 }).map((a) => a.join(''))),
    );
    fc.assert(
      fc.property(world, WATCHED, ([keywords, text], watched) => {
        const m = new KeywordMatcher(keywords, watched);
        expect(found(m, text)).toEqual(naive(keywords, text));
        expect(m.sawWatched).toBe(sawAny(watched, text));
        expect(m.scan(text)).toBe(m.findAll(text).length);
        expect(found(new KeywordMatcher(keywords), text)).toEqual(found(m, text));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('notes which groups of watched characters a text holds, and how many of the first', () => {
    const groups = ['12', 'aé', "'"];
    const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(word(4), { minLength: 1, maxLength: 8 }), text, (keywords, t) => {
        const m = new KeywordMatcher(keywords, groups);
        m.scan(t);
        const units = [...fold(t)];
        expect(m.seen).toBe(groups.reduce((bits, g, i) => (units.some((c) => fold(g).includes(c)) ? bits | (1 << i) : bits), 0));
        expect(m.firstGroupCount).toBe(units.filter((c) => fold(groups[0]!).includes(c)).length);
        expect(m.sawWatched).toBe(m.seen !== 0);
      }),
      { seed: 43, numRuns: 200 },
    );
  });

  it('agrees with the reference past the full-table limit (edges and fail links)', () => {
    // A deterministic generator (mulberry32): thousands of long keywords over 200 Han characters, so the
    // automaton has more states × classes than the 2^21 cells of a full table, plus some Latin ones.
    let seed = 7;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    };
    const pick = (chars: string, length: number) => Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
    const han = Array.from({ length: 200 }, (_, i) => String.fromCharCode(0x4e00 + i)).join('');
    const long = Array.from({ length: 2500 }, () => pick(han, 8));
    // Short keywords inside long ones, so that matches end in states reached through fail links.
    const inner = long.slice(0, 300).flatMap((k) => [k.slice(3, 5), k.slice(5)]);
    const latin = Array.from({ length: 300 }, () => pick('abcdE', 3 + Math.floor(random() * 4)));
    const keywords = [...long, ...inner, ...latin];

    const prefixes = new Set(keywords.flatMap((k) => Array.from(k, (_, i) => fold(k).slice(0, i + 1))));
    const classes = new Set(fold(keywords.join('')));
    expect((prefixes.size + 1) * (classes.size + 1)).toBeGreaterThan(2 ** 21);

    const m = new KeywordMatcher(keywords, '0123456789@');
    const some = long.slice(0, 400);
    const pieces = [...some, ...some.map((k) => k.slice(2)), ...some.map((k) => k.slice(0, 5)), ...latin.slice(0, 100), ' ', 'x', 'Ａ', '１', '＠'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join('')), (text) => {
        expect(found(m, text)).toEqual(naive(keywords, text));
        expect(m.sawWatched).toBe(sawAny('0123456789@', text));
        expect(m.firstGroupCount).toBe([...fold(text)].filter((c) => '0123456789@'.includes(c)).length);
      }),
      { seed: 4242, numRuns: 60 },
    );
    // Whole keywords back to back: each is found, and nothing is lost across the seams.
    const text = long.slice(100, 140).join('');
    expect(found(m, text)).toEqual(naive(keywords, text));
    expect(found(m, text).length).toBeGreaterThanOrEqual(40);
  });
});

describe('KeywordMatcher (examples)', () => {
  it('reads unfolded full-width text and reports offsets into the original', () => {
    const original = '亲ＨＥＬＬＯ，ＷＨＡＴＥＶＥＲ不知道';
    const matches = new KeywordMatcher(['hello', 'whatever', '不知道']).findAll(original);
    expect(matches).toEqual([
      { keyword: 'hello', start: 1, end: 6 },
      { keyword: 'whatever', start: 7, end: 15 },
      { keyword: '不知道', start: 15, end: 18 },
    ]);
    expect(matches.map((x) => original.slice(x.start, x.end))).toEqual(['ＨＥＬＬＯ', 'ＷＨＡＴＥＶＥＲ', '不知道']);
  });

  it('matches a full-width or upper-case keyword against plain text, and circled digits as digits', () => {
    expect(new KeywordMatcher(['ＯＫ']).findAll('ok then')).toEqual([{ keyword: 'ＯＫ', start: 0, end: 2 }]);
    expect(new KeywordMatcher(['7号']).findAll('⑦号')).toEqual([{ keyword: '7号', start: 0, end: 2 }]);
    expect(new KeywordMatcher(["don't"]).findAll('I DON’T')).toEqual([{ keyword: "don't", start: 2, end: 7 }]);
  });

  it('keeps Latin keywords to word boundaries (digits count as word characters), never CJK ones', () => {
    const m = new KeywordMatcher(['hi', '12315', '投诉']);
    expect(found(m, 'this hi, hi2 ｈｉ')).toEqual(['hi@13-15', 'hi@5-7']);
    expect(found(m, '打12315，不是1231500')).toEqual(['12315@1-6']);
    expect(found(m, 'abc投诉def')).toEqual(['投诉@3-5']);
  });

  it('matches the `anywhere` keywords inside words too, after the others; a word given both ways is found both ways', () => {
    const m = new KeywordMatcher(['qq', 'hi'], '', ['qq', 'ＷeChat', '微信']);
    expect(m.keywords).toEqual(['qq', 'hi', 'qq', 'ＷeChat', '微信']);
    expect(m.anywhereFrom).toBe(2);
    // (keyword index, start, end) triples, in the order found
    const triples = (text: string) => Array.from(m.hits.subarray(0, m.scan(text) * 3));
    expect(triples('myqq123')).toEqual([2, 2, 4]);
    expect(triples('qq 123')).toEqual([0, 0, 2, 2, 0, 2]);
    expect(found(m, 'ｍｙwechat_id 加微信 this')).toEqual(['微信@13-15', 'ＷeChat@2-8']);
  });

  it('notes whether a scan read a watched character, in any width, keyword or not', () => {
    const m = new KeywordMatcher(['投诉'], '0123456789@');
    const saw = (text: string) => {
      m.scan(text);
      return m.sawWatched;
    };
    expect([saw('打①号'), saw('ｍａｉｌ＠'), saw('５'), saw('我要投诉'), saw('abc'), saw('')]).toEqual([true, true, true, false, false, false]);
  });

  it('drops empty and blank keywords, and keeps each distinct keyword once', () => {
    const m = new KeywordMatcher(['', ' ', '　', 'ok', 'ok']);
    expect(m.keywords).toEqual(['ok']);
    expect(m.findAll('ok')).toHaveLength(1);
  });

  it('reports every match of a long text, beyond its initial buffer', () => {
    const m = new KeywordMatcher(['a', '好']);
    const text = 'a 好 '.repeat(500);
    expect(m.scan(text)).toBe(1000);
    expect(m.findAll(text).at(-1)).toEqual({ keyword: '好', start: 1998, end: 1999 });
  });
});
