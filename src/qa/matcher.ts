import { foldKeyword } from './fold';

/**
 * Aho–Corasick over folded text: one pass per message finds every keyword of a list, however long
 * the list grows. Latin keywords only match at word boundaries ("hi" is not in "this").
 */
export interface Match {
  keyword: string;
  start: number;
  end: number;
}

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Indexes of keywords ending here (own and via fail links). */
  out: number[];
}

const WORDISH = /[a-z0-9]/;
const isWordish = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

export class KeywordMatcher {
  private nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  private lengths: number[] = [];
  private latinStart: boolean[] = [];
  private latinEnd: boolean[] = [];
  private keywords: string[] = [];
  private folded: string[] = [];

  constructor(keywords: readonly string[]) {
    const unique = [...new Set(keywords.filter((k) => k.trim()))];
    unique.forEach((k, idx) => this.add(k, idx));
    this.build();
  }

  get size() {
    return this.keywords.length;
  }

  private add(keyword: string, idx: number) {
    const f = foldKeyword(keyword);
    this.keywords[idx] = keyword;
    this.folded[idx] = f;
    this.lengths[idx] = f.length;
    this.latinStart[idx] = WORDISH.test(f[0]!);
    this.latinEnd[idx] = WORDISH.test(f[f.length - 1]!);
    let state = 0;
    for (let i = 0; i < f.length; i++) {
      const ch = f.charCodeAt(i);
      let next = this.nodes[state]!.next.get(ch);
      if (next === undefined) {
        next = this.nodes.push({ next: new Map(), fail: 0, out: [] }) - 1;
        this.nodes[state]!.next.set(ch, next);
      }
      state = next;
    }
    this.nodes[state]!.out.push(idx);
  }

  private build() {
    const queue: number[] = [];
    for (const child of this.nodes[0]!.next.values()) queue.push(child);
    while (queue.length) {
      const s = queue.shift()!;
      for (const [ch, t] of this.nodes[s]!.next) {
        queue.push(t);
        let f = this.nodes[s]!.fail;
        while (f && !this.nodes[f]!.next.has(ch)) f = this.nodes[f]!.fail;
        const target = this.nodes[f]!.next.get(ch);
        this.nodes[t]!.fail = target !== undefined && target !== t ? target : 0;
        this.nodes[t]!.out.push(...this.nodes[this.nodes[t]!.fail]!.out);
      }
    }
  }

  /** All matches in folded text (see fold.ts: offsets are the original's too). */
  findAll(text: string): Match[] {
    const matches: Match[] = [];
    if (!this.keywords.length) return matches;
    const nodes = this.nodes;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      let next = nodes[state]!.next.get(ch);
      while (next === undefined && state) {
        state = nodes[state]!.fail;
        next = nodes[state]!.next.get(ch);
      }
      state = next ?? 0;
      const out = nodes[state]!.out;
      if (!out.length) continue;
      const end = i + 1;
      for (const idx of out) {
        const start = end - this.lengths[idx]!;
        if (this.latinStart[idx] && start > 0 && isWordish(text.charCodeAt(start - 1))) continue;
        if (this.latinEnd[idx] && end < text.length && isWordish(text.charCodeAt(end))) continue;
        matches.push({ keyword: this.keywords[idx]!, start, end });
      }
    }
    return matches;
  }
}
