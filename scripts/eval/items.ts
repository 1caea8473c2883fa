import type { AutoQaResult, RuleId } from '../../src/qa/types';
import type { Labelled, Stc3Label } from './datasets';
import { spearman } from './metrics';

/** The business items' rules, whose outcomes the evaluation relates to the annotators' A and E. */
export const BUSINESS_RULES: RuleId[] = ['needs_exploration', 'solution_offered', 'soothing', 'follow_through', 'completeness', 'process_handling'];

export interface ItemFigures {
  rule: RuleId;
  /** Dialogues where the rule applied (pass or fail), and the share of those that passed. */
  applicable: number;
  passShare: number;
  /** Spearman ρ of pass (1) / fail (0) with mean A and E, over the dialogues where it applied. */
  rhoA: number;
  rhoE: number;
}

/** Per business rule: how often it applies, passes, and how its outcome ranks the dialogues by A and E. */
export function businessItemFigures(set: Labelled<Stc3Label>[], results: AutoQaResult[]): ItemFigures[] {
  return BUSINESS_RULES.map((rule) => {
    const outcome: number[] = [];
    const A: number[] = [];
    const E: number[] = [];
    results.forEach((r, i) => {
      const hit = r.hits.find((h) => h.rule === rule);
      if (!hit || hit.outcome === 'na') return;
      outcome.push(hit.outcome === 'pass' ? 1 : 0);
      A.push(set[i]!.label.A);
      E.push(set[i]!.label.E);
    });
    const passes = outcome.reduce((s, x) => s + x, 0);
    return { rule, applicable: outcome.length, passShare: outcome.length ? passes / outcome.length : NaN, rhoA: spearman(outcome, A), rhoE: spearman(outcome, E) };
  });
}

export function formatItemFigures(items: ItemFigures[]): string[] {
  const f = (x: number) => (Number.isNaN(x) ? '  —  ' : x.toFixed(3));
  return items.map((i) => `${i.rule.padEnd(18)} applies ${String(i.applicable).padStart(4)}, passes ${(i.passShare * 100).toFixed(0).padStart(3)}%, ρ(outcome, A/E) ${f(i.rhoA)} / ${f(i.rhoE)}`);
}
