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
  next: Map<string, number>;
  fail: number;
  /** Indexes of keywords ending here (own and via fail links). */
  out: number[];
}

const WORDISH = /[a-z0-9]/;

export class KeywordMatcher {
  private nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
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
    let state = 0;
    for (const ch of f) {
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

  /** All matches in already-folded text (offsets are into the folded text). */
  findAll(text: string): Match[] {
    const matches: Match[] = [];
    if (!this.keywords.length) return matches;
    let state = 0;
    let i = 0;
    for (const ch of text) {
      while (state && !this.nodes[state]!.next.has(ch)) state = this.nodes[state]!.fail;
      state = this.nodes[state]!.next.get(ch) ?? 0;
      i += ch.length;
      for (const idx of this.nodes[state]!.out) {
        const f = this.folded[idx]!;
        const start = i - f.length;
        if (WORDISH.test(f[0]!) && start > 0 && WORDISH.test(text[start - 1]!)) continue;
        if (WORDISH.test(f[f.length - 1]!) && i < text.length && WORDISH.test(text[i]!)) continue;
        matches.push({ keyword: this.keywords[idx]!, start, end: i });
      }
    }
    return matches;
  }
}
