/**
 * "Test this sentence": what the AutoQA rules and the keyword lists would make of one sentence, said
 * by an agent or by a customer, with a given set of lists. Lets a manager see a list change take effect
 * before it reaches a real chat. Pure.
 */
import { runRules, type AutoQaOptions } from './autoqa';
import { LIST_BIT, LIST_NAMES, type KeywordConfig, type ListName } from './keywords';
import { spansOf } from './prepare';
import type { RuleHit, RuleId, Span } from './types';

export type Speaker = 'agent' | 'customer';

/** The rules one message can decide, by who says it (timing and the rating need a whole chat). */
const RULES_BY_SPEAKER: Record<Speaker, RuleId[]> = {
  agent: ['greeting', 'closing', 'banned_phrases', 'abusive', 'diversion'],
  customer: ['escalation'],
};

export interface SentenceResult {
  /** Every list with a match, and the matched words with their offsets. */
  lists: { list: ListName; spans: Omit<Span, 'messageId'>[] }[];
  /** The rules' verdicts with their evidence: `fail` means a deduction, or for escalation a sampling signal. */
  rules: { rule: RuleId; outcome: RuleHit['outcome']; critical: boolean; spans: Omit<Span, 'messageId'>[] }[];
}

const strip = (spans: Span[]) => spans.map(({ start, end, text }) => ({ start, end, text }));

export function testSentence(text: string, speaker: Speaker, keywords: KeywordConfig, opts: AutoQaOptions = {}): SentenceResult {
  const message = { id: 'm', role: speaker, text, createdAt: null };
  const { prepared, hits } = runRules({ messages: [message], rating: null, locale: 'zh-CN' }, keywords, opts);
  const p = prepared.all[0]!;
  const lists = LIST_NAMES.map((list) => ({ list, spans: strip(spansOf(p, LIST_BIT[list])) })).filter((l) => l.spans.length);
  const wanted = new Set(RULES_BY_SPEAKER[speaker]);
  const rules = hits.filter((h) => wanted.has(h.rule) && h.outcome !== 'na').map((h) => ({ rule: h.rule, outcome: h.outcome, critical: h.critical === true, spans: strip(h.spans) }));
  return { lists, rules };
}
