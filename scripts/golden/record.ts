import { KeywordMatcher } from '../../src/qa/matcher';

/** Where the golden record's fixture part goes: one stable line per value the tests computed. */
export const lines: string[] = [];

/**
 * JSON with Maps, Sets, typed arrays, functions and undefined spelled out, so that nothing drops silently.
 * A keyword matcher is recorded by its keywords: its tables are how it finds them, not what it decides.
 */
export function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (v instanceof KeywordMatcher) return { '<KeywordMatcher>': v.keywords };
    if (v === undefined) return '<undefined>';
    if (typeof v === 'function') return '<function>';
    if (typeof v === 'number' && !Number.isFinite(v)) return `<${v}>`;
    if (v instanceof Map) return { '<Map>': [...v] };
    if (v instanceof Set) return { '<Set>': [...v] };
    if (ArrayBuffer.isView(v)) return { '<typed>': Array.from(v as unknown as ArrayLike<number>) };
    return v;
  });
}

export const record = (tag: string, ...values: unknown[]) => lines.push(`${tag} ${stable(values)}`);
