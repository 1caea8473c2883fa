import { fold, foldCode, foldKeyword, knownFold } from './fold';

/**
 * Aho–Corasick over folded text: one pass per message finds every keyword of every list, however long
 * the lists grow. It folds as it reads (see fold.ts), so offsets are the original text's. Latin
 * keywords only match at word boundaries ("hi" is not in "this").
 *
 * The automaton is flattened into typed arrays, its alphabet only the characters the keywords use (any
 * other character sends the scan back to the root at once). Up to DENSE_LIMIT cells it is a full
 * transition table, one lookup per character; past that (a store with very long lists) each state keeps
 * its few edges in a row of a shared array and the scan follows fail links.
 */
const DENSE_LIMIT = 1 << 21;
const UNFOLDED = 0xffff;
/** In the full table an entry is the next state, with this bit set when keywords end there. */
const ENDS = 0x8000;
export interface Match {
  keyword: string;
  start: number;
  end: number;
}

const isWordish = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

export class KeywordMatcher {
  readonly keywords: readonly string[];
  /** Where the keywords matched inside words too start in `keywords`. */
  readonly anywhereFrom: number;
  /** Matches of the last `scan`, as (keyword index, start, end) triples. */
  hits = new Int32Array(48);
  /** Which groups of watched characters the last `scan` read, a bit per group (bit 0 for the first). */
  seen = 0;
  /** How many characters of the first watched group the last `scan` read. */
  firstGroupCount = 0;
  /** Whether the last `scan` read one of the watched characters. */
  get sawWatched() {
    return this.seen !== 0;
  }

  /** Folded unit → input class; 0 for characters no keyword has. */
  private readonly classOf = new Uint16Array(0x10000);
  /** Raw unit → the class of its folded form, or UNFOLDED where that fold is not known yet. */
  private readonly rawClassOf = new Uint16Array(0x10000);
  private readonly rootNext: Int32Array;
  /** The full transition table, state × class (stride classes + 1) with ENDS marks, when it fits under DENSE_LIMIT. */
  private readonly delta: Uint16Array | null = null;
  private readonly stride: number;
  private readonly edgeStart: Int32Array;
  private readonly edgeClass: Uint16Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  /** Keywords ending in each state (its own and those reached through fail links): a row per state. */
  private readonly outStart: Int32Array;
  private readonly outKeyword: Int32Array;
  private readonly lengths: Int32Array;
  private readonly boundaryBefore: Uint8Array;
  private readonly boundaryAfter: Uint8Array;
  /** Per class, the bit of its group of watched characters, or 0. */
  private readonly groupOf: Uint8Array;
  /** Watched characters take the first classes: a class above this one is watched by no group. */
  private readonly lastWatched: number;

  /**
   * `watched`: characters (folded: "0123456789" covers full-width and circled digits too) the scan also
   * notes, so that a check can skip a message holding none of them without reading it again; given as
   * a list, each string is a group of its own, and `seen` says which groups were read (at most 8).
   * `anywhere`: keywords matched inside words too ("qq" in "qq12345"), after the others in `keywords`
   * (a word may be in both, with and without its boundaries).
   */
  constructor(keywords: readonly string[], watched: string | readonly string[] = '', anywhere: readonly string[] = []) {
    const bounded = [...new Set(keywords.filter((k) => foldKeyword(k).trim()))];
    const unique = [...bounded, ...new Set(anywhere.filter((k) => foldKeyword(k).trim()))];
    this.keywords = unique;
    this.anywhereFrom = bounded.length;
    const folded = unique.map(foldKeyword);
    this.lengths = Int32Array.from(folded, (f) => f.length);
    const bounds = (f: string, i: number, at: number) => (i < bounded.length && isWordish(f.charCodeAt(at)) ? 1 : 0);
    this.boundaryBefore = Uint8Array.from(folded, (f, i) => bounds(f, i, 0));
    this.boundaryAfter = Uint8Array.from(folded, (f, i) => bounds(f, i, f.length - 1));

    // The trie, with classes numbered in order of first use.
    // Watched characters take the first classes, each its group's bit.
    let classes = 0;
    const groups: number[] = [0];
    (typeof watched === 'string' ? [watched] : watched).forEach((group, g) => {
      for (const unit of new Set(Array.from(fold(group), (c) => c.charCodeAt(0)))) {
        if (this.classOf[unit]) continue;
        this.classOf[unit] = ++classes;
        groups.push(1 << g);
      }
    });
    const children: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    folded.forEach((f, idx) => {
      let state = 0;
      for (let i = 0; i < f.length; i++) {
        const unit = f.charCodeAt(i);
        const cls = this.classOf[unit] || (this.classOf[unit] = ++classes);
        let next = children[state]!.get(cls);
        if (next === undefined) {
          next = children.push(new Map()) - 1;
          own.push([]);
          children[state]!.set(cls, next);
        }
        state = next;
      }
      own[state]!.push(idx);
    });

    // Fail links and outputs, breadth first.
    const states = children.length;
    const fail = new Int32Array(states);
    const out: number[][] = own.map((o) => [...o]);
    const queue = [...children[0]!.values()];
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      for (const [cls, t] of children[s]!) {
        queue.push(t);
        let f = fail[s]!;
        while (f && !children[f]!.has(cls)) f = fail[f]!;
        const target = children[f]!.get(cls);
        fail[t] = target !== undefined && target !== t ? target : 0;
        out[t]!.push(...out[fail[t]!]!);
      }
    }

    this.fail = fail;
    this.rootNext = new Int32Array(classes + 1);
    for (const [cls, t] of children[0]!) this.rootNext[cls] = t;
    this.edgeStart = new Int32Array(states + 1);
    this.outStart = new Int32Array(states + 1);
    const edges = children.reduce((n, c) => n + c.size, 0);
    this.edgeClass = new Uint16Array(edges);
    this.edgeTarget = new Int32Array(edges);
    this.outKeyword = new Int32Array(out.reduce((n, o) => n + o.length, 0));
    let e = 0;
    let o = 0;
    for (let s = 0; s < states; s++) {
      this.edgeStart[s] = e;
      for (const [cls, t] of children[s]!) {
        this.edgeClass[e] = cls;
        this.edgeTarget[e++] = t;
      }
      this.outStart[s] = o;
      for (const idx of out[s]!) this.outKeyword[o++] = idx;
    }
    this.edgeStart[states] = e;
    this.outStart[states] = o;

    for (let u = 0; u < 0x10000; u++) {
      const f = knownFold(u);
      this.rawClassOf[u] = f < 0 ? UNFOLDED : this.classOf[f]!;
    }

    this.stride = classes + 1;
    this.groupOf = new Uint8Array(classes + 1);
    this.groupOf.set(groups);
    this.lastWatched = groups.length - 1;
    if (states < ENDS && states * this.stride <= DENSE_LIMIT) {
      // Breadth-first, a state's fail target is filled before it: a missing edge takes the fail target's.
      const delta = new Uint16Array(states * this.stride);
      const entry = (t: number) => (out[t]!.length ? t | ENDS : t);
      for (const [cls, t] of children[0]!) delta[cls] = entry(t);
      for (const s of queue) {
        const row = s * this.stride;
        delta.set(delta.subarray(fail[s]! * this.stride, fail[s]! * this.stride + this.stride), row);
        for (const [cls, t] of children[s]!) delta[row + cls] = entry(t);
      }
      this.delta = delta;
    }
  }

  get size() {
    return this.keywords.length;
  }

  /** Finds every keyword in `text` (original, unfolded); returns the number of triples in `hits`. */
  scan(text: string): number {
    const { rawClassOf, delta, stride, groupOf, lastWatched } = this;
    if (!delta) return this.scanByEdges(text);
    let found = 0;
    let state = 0;
    let seen = 0;
    let first = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      let cls = rawClassOf[unit]!;
      if (cls === 0) {
        state = 0;
        continue;
      }
      if (cls === UNFOLDED) {
        cls = this.classOf[foldCode(unit)]!;
        if (cls === 0) {
          state = 0;
          continue;
        }
      }
      // Most characters of a chat are no watched character: one compare, no table read.
      if (cls <= lastWatched) {
        const group = groupOf[cls]!;
        seen |= group;
        first += group & 1;
      }
      const entry = delta[state * stride + cls]!;
      state = entry & ~ENDS;
      if (entry & ENDS) found = this.emit(text, state, i + 1, found);
    }
    this.seen = seen;
    this.firstGroupCount = first;
    return found;
  }

  /** The same scan without a full table: edges and fail links. */
  private scanByEdges(text: string): number {
    const { classOf, rootNext, edgeStart, edgeClass, edgeTarget, fail, outStart, groupOf } = this;
    let found = 0;
    let state = 0;
    let seen = 0;
    let first = 0;
    for (let i = 0; i < text.length; i++) {
      const cls = classOf[foldCode(text.charCodeAt(i))]!;
      const group = groupOf[cls]!;
      if (group) {
        seen |= group;
        first += group & 1;
      }
      let next = -1;
      if (cls !== 0) {
        for (let s = state; s && next < 0; s = fail[s]!) {
          for (let e = edgeStart[s]!, end = edgeStart[s + 1]!; e < end; e++) {
            if (edgeClass[e] === cls) {
              next = edgeTarget[e]!;
              break;
            }
          }
        }
        if (next < 0) next = rootNext[cls]!;
      }
      // biome-ignore lint/complexity/useMathMinMax: the scan's inner loop; a plain compare, no call
      state = next < 0 ? 0 : next;
      if (outStart[state] !== outStart[state + 1]) found = this.emit(text, state, i + 1, found);
    }
    this.seen = seen;
    this.firstGroupCount = first;
    return found;
  }

  /** Records the keywords ending at `end` in `state` that respect Latin word boundaries. */
  private emit(text: string, state: number, end: number, found: number): number {
    for (let o = this.outStart[state]!, last = this.outStart[state + 1]!; o < last; o++) {
      const idx = this.outKeyword[o]!;
      const start = end - this.lengths[idx]!;
      if (this.boundaryBefore[idx] && start > 0 && isWordish(foldCode(text.charCodeAt(start - 1)))) continue;
      if (this.boundaryAfter[idx] && end < text.length && isWordish(foldCode(text.charCodeAt(end)))) continue;
      if (found * 3 + 3 > this.hits.length) this.grow();
      this.hits[found * 3] = idx;
      this.hits[found * 3 + 1] = start;
      this.hits[found * 3 + 2] = end;
      found++;
    }
    return found;
  }

  /** Every match, as objects: for tests and callers off the hot path. */
  findAll(text: string): Match[] {
    const n = this.scan(text);
    const matches: Match[] = [];
    for (let k = 0; k < n; k++) matches.push({ keyword: this.keywords[this.hits[k * 3]!]!, start: this.hits[k * 3 + 1]!, end: this.hits[k * 3 + 2]! });
    return matches;
  }

  private grow() {
    const bigger = new Int32Array(this.hits.length * 2);
    bigger.set(this.hits);
    this.hits = bigger;
  }
}
