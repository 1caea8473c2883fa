/**
 * AutoQA evidence in the hot window, encoded compactly for D1 (pure, no I/O). The summary (score,
 * risk, flags, keyword hits, phase) is on the conversation row and is not repeated here; message ids
 * are kept once each in a dictionary of platform message ids, and span text is not kept at all — it
 * is the message text between the offsets. The archived transcript holds the result in full.
 */
import { ITEM_OUTCOMES } from '../domain/enums';
import type { AutoQaResult, Outcome, RiskFactor, RuleHit, RuleId, Span } from '../qa/types';
import { RULE_IDS } from '../qa/types';

/** Dictionary index, start, end. */
type EncodedSpan = [number, number, number];
/** Rule index, outcome index, message ids, spans, detail, critical. */
type EncodedHit = [number, number, number[], EncodedSpan[], (string | null)?, 1?];
/** Factor, points, count, message ids. */
type EncodedFactor = [string, number, number, number[]];

interface Encoded {
  v: 1;
  /** Scorecard version the result was scored with. */
  sv: number | null;
  /** Platform message ids referenced below, by position. */
  m: string[];
  h: EncodedHit[];
  /** Item id and outcome index (-1: manual item, no AutoQA outcome). */
  i: [string, number][];
  r: EncodedFactor[];
}

/** What the decoder needs about the conversation's messages: API id, platform id and text. */
export interface EvidenceMessage {
  id: string;
  externalId: string;
  text: string;
}

export type StoredResult = Omit<AutoQaResult, 'score' | 'risk' | 'critical' | 'escalation' | 'keywordHits' | 'phase'> & { scorecardVersion: number | null };

/** Encodes a result whose message ids are API ids, given the conversation's messages. */
export function encodeEvidence(result: StoredResult, messages: EvidenceMessage[]): string {
  const external = new Map(messages.map((m) => [m.id, m.externalId]));
  const dictionary: string[] = [];
  const position = new Map<string, number>();
  const ref = (id: string) => {
    const key = external.get(id) ?? id;
    let at = position.get(key);
    if (at === undefined) {
      at = dictionary.push(key) - 1;
      position.set(key, at);
    }
    return at;
  };
  const hit = (h: RuleHit): EncodedHit => {
    const out: EncodedHit = [RULE_IDS.indexOf(h.rule), ITEM_OUTCOMES.indexOf(h.outcome), h.messageIds.map(ref), h.spans.map((s) => [ref(s.messageId), s.start, s.end])];
    if (h.detail !== undefined || h.critical) out[4] = h.detail ?? null;
    if (h.critical) out[5] = 1;
    return out;
  };
  const encoded: Encoded = {
    v: 1,
    sv: result.scorecardVersion,
    m: dictionary,
    h: result.hits.map(hit),
    i: result.items.map((i) => [i.itemId, i.outcome === null ? -1 : ITEM_OUTCOMES.indexOf(i.outcome)]),
    r: result.riskFactors.map((f) => [f.factor, f.points, f.count, f.messageIds.map(ref)]),
  };
  return JSON.stringify(encoded);
}

/** The stored result again, with API message ids and span text, from the conversation's messages. */
export function decodeEvidence(text: string, messages: EvidenceMessage[]): StoredResult {
  const e = JSON.parse(text) as Encoded;
  const byExternal = new Map(messages.map((m) => [m.externalId, m]));
  const id = (at: number) => {
    const key = e.m[at]!;
    return byExternal.get(key)?.id ?? key;
  };
  const span = ([at, start, end]: EncodedSpan): Span => ({ messageId: id(at), start, end, text: byExternal.get(e.m[at]!)?.text.slice(start, end) ?? '' });
  const hits = e.h.map(([rule, outcome, ids, spans, detail, critical]): RuleHit => ({
    rule: RULE_IDS[rule] as RuleId,
    outcome: ITEM_OUTCOMES[outcome] as Outcome,
    messageIds: ids.map(id),
    spans: spans.map(span),
    ...(typeof detail === 'string' ? { detail } : {}),
    ...(critical ? { critical: true } : {}),
  }));
  const riskFactors = e.r.map(([factor, points, count, ids]): RiskFactor => ({ factor, points, count, messageIds: ids.map(id) }));
  const items = e.i.map(([itemId, outcome]) => ({ itemId, outcome: outcome < 0 ? null : (ITEM_OUTCOMES[outcome] as Outcome) }));
  return { scorecardVersion: e.sv, hits, riskFactors, items };
}
