import { runRules, type AutoQaOptions } from '../../../src/qa/autoqa';
import { buildKeywordConfig, type KeywordConfig } from '../../../src/qa/keywords';
import { prepare } from '../../../src/qa/prepare';
import { riskSignals } from '../../../src/qa/risk';
import type { QaConversation, QaMessage, Role, RuleHit, RuleId } from '../../../src/qa/types';

/** Shared by the AutoQA unit tests: the built-in keywords, and small builders for conversations. */
export const kw = buildKeywordConfig();

let n = 0;
export const msg = (role: Role, text: string, at: number | null = null): QaMessage => ({ id: `m${++n}`, role, text, createdAt: at });
export const conv = (messages: QaMessage[], extra: Partial<QaConversation> = {}): QaConversation => ({ messages, rating: null, locale: 'zh-CN', ...extra });

export const hit = (c: QaConversation, rule: RuleId, opts: AutoQaOptions = {}, keywords: KeywordConfig = kw): RuleHit =>
  runRules(c, keywords, opts).hits.find((h) => h.rule === rule)!;

/** The risk signals of a conversation, as runAutoQa computes them. */
export const signalsOf = (c: QaConversation, keywords: KeywordConfig = kw) => {
  const { prepared, hits } = runRules(c, keywords);
  return riskSignals(prepared, hits);
};

/** One message prepared on its own, as a rule sees it. */
export const prepared = (role: Role, text: string, keywords: KeywordConfig = kw) => prepare(conv([msg(role, text)]), keywords).all[0]!;
