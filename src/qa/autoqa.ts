import type { KeywordConfig } from './keywords';
import { prepare } from './prepare';
import { riskFeatures, riskScore } from './risk';
import { diversion } from './rules/diversion';
import { abusive, bannedPhrases, closing, escalation, greeting, rating, unanswered } from './rules/text';
import { avgResponse, DEFAULT_TIMING, firstResponse, waitingPhrase, type TimingThresholds } from './rules/timing';
import { allItems, autoOutcome, scoreConversation, type Scorecard } from './scorecard';
import { detectPhase } from './phase';
import type { AutoQaResult, Outcome, QaConversation, RuleHit } from './types';

export interface AutoQaOptions {
  /** Link domains agents may share (the store's allow-list). */
  allowedDomains?: string[];
  timing?: TimingThresholds;
}

/** Every rule over one conversation, each with its evidence. */
export function runRules(c: QaConversation, keywords: KeywordConfig, opts: AutoQaOptions = {}) {
  const p = prepare(c, keywords);
  const timing = opts.timing ?? DEFAULT_TIMING;
  const hits: RuleHit[] = [
    firstResponse(p, timing),
    avgResponse(p, timing),
    greeting(p),
    waitingPhrase(p, timing),
    closing(p),
    bannedPhrases(p),
    abusive(p),
    diversion(p, opts.allowedDomains ?? []),
    unanswered(p),
    escalation(p),
    rating(p),
  ];
  return { prepared: p, hits };
}

/**
 * AutoQA for one ended conversation against the scorecard of its phase: the agent's score from the
 * auto items, the customer-side risk, and the evidence behind both.
 */
export function runAutoQa(c: QaConversation, scorecards: (phase: ReturnType<typeof detectPhase>) => Scorecard, keywords: KeywordConfig, opts: AutoQaOptions = {}): AutoQaResult {
  const phase = detectPhase(c);
  const card = scorecards(phase);
  const { prepared, hits } = runRules(c, keywords, opts);
  const outcomes = new Map<string, Outcome>(hits.map((h) => [h.rule, h.outcome]));
  const items = allItems(card).map((item) => ({ itemId: item.id, outcome: autoOutcome(item, outcomes) }));
  const { score, critical } = scoreConversation(
    card,
    items.filter((i): i is { itemId: string; outcome: Outcome } => i.outcome !== null),
  );
  const { risk, factors } = riskScore(riskFeatures(prepared, hits));
  const banned = hits.find((h) => h.rule === 'banned_phrases')?.spans ?? [];
  return {
    score,
    risk,
    riskFactors: factors,
    critical,
    escalation: hits.some((h) => h.rule === 'escalation' && h.outcome === 'fail'),
    keywordHits: [...new Set(banned.map((s) => `keyword:${s.text}`))],
    phase,
    hits,
    items,
  };
}
