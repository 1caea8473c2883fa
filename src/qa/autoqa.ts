import type { KeywordConfig } from './keywords';
import { prepare } from './prepare';
import { riskScore, riskSignals } from './risk';
import { diversion } from './rules/diversion';
import { needsExploration, processHandling, solutionOffered, soothing } from './rules/business';
import { completeness, followThrough } from './rules/follow-through';
import { abusive, bannedPhrases, closing, escalation, greeting, rating, unanswered } from './rules/text';
import { avgResponse, customerTurns, DEFAULT_TIMING, firstResponse, waitingPhrase, type TimingThresholds } from './rules/timing';
import { autoScore, type Scorecard } from './scorecard';
import { detectPhase } from './phase';
import { RULE_INDEX, type AutoQaResult, type Phase, type QaConversation, type RuleHit } from './types';

export interface AutoQaOptions {
  /** Link domains agents may share (the store's allow-list). */
  allowedDomains?: string[];
  timing?: TimingThresholds;
  /** Scorecard item ids whose auto judgement the store switched off: they stay "to review". */
  manualItems?: readonly string[];
}

const NO_OPTIONS: AutoQaOptions = Object.freeze({});

/** Every rule over one conversation, each with its evidence, in RULE_IDS order (scoring reads them by position). */
export function runRules(c: QaConversation, keywords: KeywordConfig, opts: AutoQaOptions = NO_OPTIONS) {
  const p = prepare(c, keywords);
  const timing = opts.timing ?? DEFAULT_TIMING;
  const turns = customerTurns(p);
  const hits: RuleHit[] = [
    firstResponse(turns, timing),
    avgResponse(turns, timing),
    greeting(p),
    waitingPhrase(p, timing),
    closing(p),
    bannedPhrases(p),
    abusive(p),
    diversion(p, opts.allowedDomains ?? []),
    unanswered(p),
    escalation(p),
    rating(p),
    needsExploration(p),
    solutionOffered(p),
    soothing(p),
    followThrough(p),
    completeness(p),
    processHandling(p),
  ];
  return { prepared: p, hits };
}

/**
 * AutoQA for one ended conversation against the scorecard of its phase: the agent's score from the
 * auto items, the customer-side risk, and the evidence behind both.
 */
export function runAutoQa(c: QaConversation, scorecards: (phase: Phase) => Scorecard, keywords: KeywordConfig, opts: AutoQaOptions = NO_OPTIONS): AutoQaResult {
  const { prepared, hits } = runRules(c, keywords, opts);
  const phase = detectPhase(prepared);
  const card = scorecards(phase);
  const { score, critical, items } = autoScore(card, hits, opts.manualItems);
  const { risk, factors } = riskScore(riskSignals(prepared, hits));
  const banned = hits[RULE_INDEX.banned_phrases]!.spans;
  return {
    score,
    risk,
    riskFactors: factors,
    critical,
    escalation: hits[RULE_INDEX.escalation]!.outcome === 'fail',
    keywordHits: banned.length ? [...new Set(banned.map((s) => `keyword:${s.text}`))] : [],
    phase,
    hits,
    items,
  };
}
