import type { Prepared } from './prepare';
import { isQuestion } from './rules/text';
import type { RiskFactor, RuleHit } from './types';

/**
 * Risk: how likely the customer left unhappy, from the customer's side of the chat, separate from the
 * agent's score. A logistic model over explainable signals; its weights were fitted on the tuning
 * splits only (JDDC valid, STC-3 ids ending 0–6: `npm run eval -- --fit`), except those for ratings,
 * waits and critical hits, which the datasets do not have and are set by hand. docs/autoqa.md.
 */
export type RiskFeatures = Record<(typeof FEATURES)[number], number>;
export const FEATURES = [
  'escalation',
  'negative',
  'thanks_at_end',
  'thanks_anywhere',
  'unanswered_at_end',
  'repeated_questions',
  'question_share',
  'unreplied_share',
  'customer_last',
  'customer_turns',
  'agent_apologies',
  'bad_rating',
  'good_rating',
  'long_wait',
  'critical',
] as const;

export const RISK_MODEL: { bias: number; weights: RiskFeatures } = {
  // Fitted on the tuning splits (npm run eval -- --fit).
  bias: -1.86,
  weights: {
    escalation: 0.82,
    negative: 0.26,
    thanks_at_end: -0.57,
    thanks_anywhere: -0.21,
    unanswered_at_end: 1.07,
    repeated_questions: 0.16,
    question_share: 0.8,
    unreplied_share: 0.12,
    customer_last: 0.45,
    customer_turns: -0.4,
    agent_apologies: 0.76,
    // Not in the datasets (no ratings, no timestamps, almost no critical breaks): set by hand so that
    // a bad rating alone, or a critical break alone, puts a chat well into the top of the ranking.
    bad_rating: 3,
    good_rating: -1.5,
    long_wait: 0.6,
    critical: 1.5,
  },
};

// Spaces and the punctuation chats use, ASCII and CJK: what to ignore when comparing two questions.
const NOISE = /[\s!-/:-@[-`{-~\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]/g;

function normalisedText(text: string) {
  return text.replace(NOISE, '').toLowerCase();
}

export function riskFeatures(p: Prepared, hits: RuleHit[]): RiskFeatures {
  const customer = p.customer;
  const texts = customer.map((m) => normalisedText(m.message.text)).filter(Boolean);
  const seen = new Set<string>();
  let repeated = 0;
  for (const t of texts) {
    if (t.length >= 2 && seen.has(t)) repeated++;
    seen.add(t);
  }
  const questions = customer.filter((m) => isQuestion(m.message.text)).length;
  const lastTwo = customer.slice(-2);
  // Customer messages not followed by an agent reply before the next customer message.
  let unreplied = 0;
  p.all.forEach((m, i) => {
    if (m.message.role === 'customer' && p.all[i + 1]?.message.role !== 'agent' && p.all[i + 1]) unreplied++;
  });
  const hit = (rule: string) => hits.find((h) => h.rule === rule);
  const rating = p.conversation.rating;
  return {
    escalation: Math.min(3, customer.reduce((n, m) => n + (m.found.escalation?.length ?? 0), 0)),
    negative: Math.min(5, customer.reduce((n, m) => n + (m.found.negative?.length ?? 0), 0)),
    thanks_at_end: lastTwo.some((m) => m.found.thanks?.length) ? 1 : 0,
    thanks_anywhere: customer.some((m) => m.found.thanks?.length) ? 1 : 0,
    unanswered_at_end: hit('unanswered')?.outcome === 'fail' ? 1 : 0,
    repeated_questions: Math.min(3, repeated),
    question_share: customer.length ? questions / customer.length : 0,
    unreplied_share: customer.length ? unreplied / customer.length : 0,
    customer_last: p.all.at(-1)?.message.role === 'customer' ? 1 : 0,
    customer_turns: Math.log1p(customer.length),
    // Agents apologise when something went wrong: 抱歉, 不好意思, 给您带来不便.
    agent_apologies: Math.min(3, p.agent.filter((m) => /抱歉|不好意思|对不起|不便|sorry|apolog/i.test(m.message.text)).length),
    bad_rating: rating !== null && rating <= 2 ? 1 : 0,
    good_rating: rating !== null && rating >= 4 ? 1 : 0,
    long_wait: hit('first_response')?.outcome === 'fail' || hit('avg_response')?.outcome === 'fail' ? 1 : 0,
    critical: hits.some((h) => h.critical && h.outcome === 'fail') ? 1 : 0,
  };
}

export function riskScore(features: RiskFeatures, model = RISK_MODEL): { risk: number; factors: RiskFactor[] } {
  let z = model.bias;
  const factors: RiskFactor[] = [];
  for (const name of FEATURES) {
    const contribution = model.weights[name] * features[name];
    z += contribution;
    if (contribution) factors.push({ factor: name, weight: Math.round(contribution * 100) / 100 });
  }
  factors.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return { risk: Math.round(100 / (1 + Math.exp(-z))), factors };
}
