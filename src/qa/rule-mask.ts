/**
 * A set of AutoQA rules as an integer: bit i stands for RULE_IDS[i]. A conversation row stores its
 * failed rules this way (a few bytes where the JSON list took ~22, docs/scaling.md), so a rule's
 * position in RULE_IDS must never change.
 */
import { RULE_IDS, RULE_INDEX, type RuleId } from './types';

// Powers of two, not shifts: `1 << 31` is negative, and the list may grow that far.
export function encodeRuleMask(rules: readonly RuleId[]): number {
  let mask = 0;
  for (const i of new Set(rules.map((r) => RULE_INDEX[r]))) mask += 2 ** i;
  return mask;
}

/** The rules a mask names, in RULE_IDS order; bits past the known rules are ignored. */
export function decodeRuleMask(mask: number): RuleId[] {
  return RULE_IDS.filter((_, i) => Math.floor(mask / 2 ** i) % 2 === 1);
}
