/** Plain data in and out of AutoQA: no I/O anywhere under src/qa. */
export type { Phase, SenderRole as Role } from '../domain/enums';
import type { ItemOutcome, Phase, SenderRole as Role } from '../domain/enums';

export interface QaMessage {
  id: string;
  role: Role;
  text: string;
  /** Epoch ms; null when the source has no timestamps (timing rules are then not applicable). */
  createdAt: number | null;
  internal?: boolean;
}

export interface QaConversation {
  messages: QaMessage[];
  /** Customer rating normalised to 1–5. */
  rating: number | null;
  locale: string;
  phaseTag?: Phase | null;
  /** The handling agent's phase or team, when the roster says. */
  agentPhase?: Phase | null;
}

export interface Span {
  messageId: string;
  /** UTF-16 offsets into the message text as stored. */
  start: number;
  end: number;
  text: string;
}

export type Outcome = ItemOutcome;

export interface RuleHit {
  rule: RuleId;
  outcome: Outcome;
  messageIds: string[];
  spans: Span[];
  detail?: string;
  critical?: boolean;
}

// Append only: a conversation row stores its failed rules as a bitmask by position in this list
// (rule-mask.ts), so reordering or removing an id would change what every stored mask means.
export const RULE_IDS = [
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
  // Business items (rules/business.ts, rules/follow-through.ts).
  'needs_exploration',
  'solution_offered',
  'soothing',
  'follow_through',
  'completeness',
  'process_handling',
] as const;
export type RuleId = (typeof RULE_IDS)[number];
/** Each rule's position in RULE_IDS, which is also its hit's position in AutoQA's list of hits. */
export const RULE_INDEX = Object.freeze(Object.fromEntries(RULE_IDS.map((r, i) => [r, i])) as Record<RuleId, number>);

/** One signal behind a risk score: its points (count × points per occurrence) and where it occurred. */
export interface RiskFactor {
  factor: string;
  points: number;
  count: number;
  messageIds: string[];
}

export interface AutoQaResult {
  /** 0–100 against the scorecard's auto items. */
  score: number;
  /** 0–100: how likely the customer left unhappy; separate from the agent's score. */
  risk: number;
  riskFactors: RiskFactor[];
  critical: boolean;
  escalation: boolean;
  /** Sampling reasons from keyword hits, e.g. `keyword:不知道`. */
  keywordHits: string[];
  phase: Phase;
  hits: RuleHit[];
  /** Per scorecard item: the outcome AutoQA pre-fills (null for manual items). */
  items: readonly { itemId: string; outcome: Outcome | null }[];
}
