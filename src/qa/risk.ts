import { foldCode } from './fold';
import { has, hasBeyondExceptions, type Prepared, type PreparedMessage } from './prepare';
import { LIST_BIT } from './keywords';
import { RULE_INDEX, type RiskFactor, type RuleHit } from './types';

/**
 * Risk: how likely the customer left unhappy, read mostly from the customer's side of the chat and kept
 * apart from the agent's score. Every signal adds (or takes away) points — one point per customer
 * message that pushes back, shows frustration, escalates or blames, and per agent apology; minus one
 * per message of thanks — and the points map to 0–100 on a logistic curve. Unit points are chosen,
 * not fitted, so that no weight leans on the few dissatisfied dialogues of the tuning data; only the
 * curve is fitted, on JDDC valid (`npm run eval -- --fit`). Ratings, waits and critical hits are not in
 * the datasets, so their points are set by hand. docs/autoqa.md has the reasoning and the figures.
 */
export const RISK_SIGNALS = [
  'bad_rating',
  'good_rating',
  'critical',
  'long_wait',
  'pushback',
  'frustration',
  'escalation',
  'blame',
  'agent_apology',
  'thanks',
  'repeated_question',
  'no_thanks_at_end',
  'unanswered_at_end',
] as const;
export type RiskSignal = (typeof RISK_SIGNALS)[number];

/** Points per occurrence of each signal. */
export const RISK_POINTS: Record<RiskSignal, number> = {
  // Set by hand (the datasets have neither ratings nor timestamps): a bad rating alone puts a chat above
  // 70, a good one well down; a slow reply raises it. A critical break is the agent's fault more than a
  // sign of an unhappy customer (and must be reviewed anyway): on the tuning splits more points for it
  // ranked worse.
  bad_rating: 20,
  good_rating: -8,
  long_wait: 3,
  critical: 3,
  // Per message.
  pushback: 1,
  frustration: 1,
  escalation: 1,
  blame: 1,
  agent_apology: 1,
  thanks: -1,
  // Per conversation (repeated_question per question asked again); half a point each.
  repeated_question: 0.5,
  no_thanks_at_end: 0.5,
  unanswered_at_end: 0.5,
};

/** risk = 100 / (1 + e^-(bias + slope × points)), fitted on JDDC valid (npm run eval -- --fit). */
export const RISK_CURVE = { bias: -3.11, slope: 0.205 };

/** Each signal's position in RISK_SIGNALS. Call sites name it (`SIGNAL.thanks`): a fast, constant load. */
const SIGNAL = Object.freeze(Object.fromEntries(RISK_SIGNALS.map((s, i) => [s, i])) as Record<RiskSignal, number>);
const POINTS = RISK_SIGNALS.map((s) => RISK_POINTS[s]);
const NO_COUNTS = RISK_SIGNALS.map(() => 0);

/** How often each signal occurred in one conversation, and where, with the points they add up to. */
export class RiskSignals {
  /** Per signal, in RISK_SIGNALS order. */
  readonly counts: number[] = NO_COUNTS.slice();
  readonly ids: (string[] | undefined)[] = new Array<string[] | undefined>(RISK_SIGNALS.length);
  points = 0;

  /** One occurrence of the signal at RISK_SIGNALS[index], in the given messages. */
  add(index: number, messageIds?: string | string[]) {
    this.counts[index]!++;
    this.points += POINTS[index]!;
    if (typeof messageIds === 'string') {
      const ids = this.ids[index];
      if (ids) ids.push(messageIds);
      else this.ids[index] = [messageIds];
    }
    else if (messageIds) (this.ids[index] ??= []).push(...messageIds);
  }

  count(signal: RiskSignal): number {
    return this.counts[SIGNAL[signal]]!;
  }

  messageIds(signal: RiskSignal): string[] {
    return this.ids[SIGNAL[signal]] ?? [];
  }
}

const failed = (hit: RuleHit | undefined) => hit?.outcome === 'fail';
const thanks = (m: PreparedMessage) => hasBeyondExceptions(m, LIST_BIT.thanks, LIST_BIT.thanks_exceptions);

// Spaces and punctuation, ASCII and CJK (full-width forms fold to ASCII): left out when comparing questions.
const isNoise = (c: number) => c <= 47 || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 127) || (c >= 0x3000 && c <= 0x303f);

/** Whether two questions have the same wording once spaces and punctuation are left out ("到哪了？" and "到哪了 ?"). */
export function sameWording(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  let units = 0;
  for (;;) {
    while (i < a.length && isNoise(foldCode(a.charCodeAt(i)))) i++;
    while (j < b.length && isNoise(foldCode(b.charCodeAt(j)))) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length && units >= 2;
    if (foldCode(a.charCodeAt(i++)) !== foldCode(b.charCodeAt(j++))) return false;
    units++;
  }
}

export function riskSignals(p: Prepared, hits: RuleHit[]): RiskSignals {
  const signals = new RiskSignals();
  const { customer } = p;
  // Whether the last two customer messages thank: read in the same pass.
  let thankedLast = false;
  let thankedBefore = false;
  for (let i = 0; i < customer.length; i++) {
    const m = customer[i]!;
    const id = m.message.id;
    let thanked = false;
    if (m.lists) {
      if (hasBeyondExceptions(m, LIST_BIT.pushback, LIST_BIT.pushback_exceptions)) signals.add(SIGNAL.pushback, id);
      if (has(m, LIST_BIT.negative) || hasBeyondExceptions(m, LIST_BIT.abusive, LIST_BIT.abusive_exceptions)) signals.add(SIGNAL.frustration, id);
      if (has(m, LIST_BIT.escalation)) signals.add(SIGNAL.escalation, id);
      if (has(m, LIST_BIT.blame)) signals.add(SIGNAL.blame, id);
      thanked = thanks(m);
      if (thanked) signals.add(SIGNAL.thanks, id);
    }
    thankedBefore = thankedLast;
    thankedLast = thanked;
    // A question asked before in the same words. Pairs compare until their first difference: cheap, and a chat has only a few questions.
    if (!m.question) continue;
    for (let j = 0; j < i; j++) {
      const earlier = customer[j]!;
      if (earlier.question && sameWording(earlier.message.text, m.message.text)) {
        signals.add(SIGNAL.repeated_question, id);
        break;
      }
    }
  }
  if (p.agentLists & LIST_BIT.apology) for (const m of p.agent) if (has(m, LIST_BIT.apology)) signals.add(SIGNAL.agent_apology, m.message.id);
  const last = customer.at(-1);
  if (last && !thankedLast && !(customer.length > 1 && thankedBefore)) signals.add(SIGNAL.no_thanks_at_end, last.message.id);
  const unanswered = hits[RULE_INDEX.unanswered];
  if (failed(unanswered)) signals.add(SIGNAL.unanswered_at_end, unanswered!.messageIds);
  const rating = p.conversation.rating;
  if (rating !== null && rating <= 2) signals.add(SIGNAL.bad_rating);
  if (rating !== null && rating >= 4) signals.add(SIGNAL.good_rating);
  if (failed(hits[RULE_INDEX.first_response]) || failed(hits[RULE_INDEX.avg_response])) signals.add(SIGNAL.long_wait);
  if (failed(hits[RULE_INDEX.diversion]) || failed(hits[RULE_INDEX.abusive])) signals.add(SIGNAL.critical);
  return signals;
}

/** The 0–100 risk (one decimal, so a day's chats rank without ties) and the factors behind it, largest first. */
export function riskScore(signals: RiskSignals, curve = RISK_CURVE): { risk: number; factors: RiskFactor[] } {
  let occurred = 0;
  for (const count of signals.counts) if (count) occurred++;
  const factors = new Array<RiskFactor>(occurred);
  let filled = 0;
  for (let i = 0; i < RISK_SIGNALS.length; i++) {
    const count = signals.counts[i]!;
    if (!count) continue;
    const factor = { factor: RISK_SIGNALS[i]!, points: POINTS[i]! * count, count, messageIds: signals.ids[i] ?? [] };
    // Insertion keeps the largest first (stable): a handful of factors, not worth a sort call.
    let at = filled++;
    for (; at > 0 && Math.abs(factors[at - 1]!.points) < Math.abs(factor.points); at--) factors[at] = factors[at - 1]!;
    factors[at] = factor;
  }
  const z = curve.bias + curve.slope * signals.points;
  return { risk: Math.round(1000 / (1 + Math.exp(-z))) / 10, factors };
}
