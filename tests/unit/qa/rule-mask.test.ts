import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRuleMask, encodeRuleMask } from '../../../src/qa/rule-mask';
import { RULE_IDS } from '../../../src/qa/types';

describe('failed-rule mask', () => {
  it('round-trips any set of rules, in RULE_IDS order', () => {
    fc.assert(
      fc.property(fc.subarray([...RULE_IDS]), fc.boolean(), (rules, dup) => {
        const given = dup ? [...rules, ...rules].reverse() : rules;
        expect(decodeRuleMask(encodeRuleMask(given))).toEqual(rules);
      }),
    );
  });

  it('is 0 for no rules, a bit per position, and ignores unknown bits', () => {
    expect(encodeRuleMask([])).toBe(0);
    expect(decodeRuleMask(0)).toEqual([]);
    expect(encodeRuleMask(['first_response'])).toBe(1);
    expect(encodeRuleMask(['greeting', 'diversion'])).toBe(4 + 128);
    expect(decodeRuleMask(2 ** RULE_IDS.length + 4)).toEqual(['greeting']);
  });

  it('keeps every stored position: RULE_IDS only grows at its end', () => {
    // Masks already in D1 were written with these positions; a change here rewrites what they mean.
    const stored = [
      'first_response',
      'avg_response',
      'greeting',
      'waiting_phrase',
      'closing',
      'banned_phrases',
      'abusive',
      'diversion',
      'unanswered',
      'escalation',
      'rating',
      'needs_exploration',
      'solution_offered',
      'soothing',
      'follow_through',
      'completeness',
      'process_handling',
    ];
    expect(RULE_IDS.slice(0, stored.length)).toEqual(stored);
  });
});
