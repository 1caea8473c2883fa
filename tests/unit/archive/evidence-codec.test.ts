import { describe, expect, it } from 'vitest';
import { decodeEvidence, encodeEvidence } from '../../../src/archive/evidence-codec';
import { generateDemoDay } from '../../../src/demo/generator';
import { runAutoQa } from '../../../src/qa/autoqa';
import { buildKeywordConfig } from '../../../src/qa/keywords';
import { DEFAULT_SCORECARDS } from '../../../src/qa/templates';

/** The seeded demo day's conversations as the consumer stores them: API ids beside platform ids. */
function corpus() {
  const day = generateDemoDay({ seed: 'codec', date: '2026-11-21', timezone: 'Asia/Shanghai', agents: 12 });
  const byConversation = new Map<string, { id: string; externalId: string; role: 'customer' | 'agent' | 'bot' | 'system'; text: string; createdAt: number }[]>();
  for (const { event } of day.deliveries) {
    if (event.type !== 'message.created') continue;
    const list = byConversation.get(String(event.data.conversation_id)) ?? [];
    const externalId = String(event.data.message_id);
    list.push({ id: `msg_${externalId.replace(/\W/g, '').slice(-20)}`, externalId, role: (event.data.sender as { role: 'agent' }).role, text: String(event.data.text), createdAt: Date.parse(String(event.data.created_at)) });
    byConversation.set(String(event.data.conversation_id), list);
  }
  return [...byConversation.values()];
}

describe('the hot evidence codec', () => {
  const keywords = buildKeywordConfig();
  const conversations = corpus();

  it('decodes to the result it encoded: hits on the same message ids, span text, items, risk factors', () => {
    let withSpans = 0;
    for (const messages of conversations) {
      const result = runAutoQa({ messages, rating: 2, locale: 'zh-CN' }, (p) => DEFAULT_SCORECARDS[p], keywords);
      const stored = { hits: result.hits, items: result.items, riskFactors: result.riskFactors, scorecardVersion: 3 };
      const decoded = decodeEvidence(encodeEvidence(stored, messages), messages);
      expect(decoded).toEqual(JSON.parse(JSON.stringify(stored)));
      if (result.hits.some((h) => h.spans.length)) withSpans++;
    }
    expect(withSpans).toBeGreaterThan(10);
  });

  it('is several times smaller than the result as JSON', () => {
    let full = 0;
    let encoded = 0;
    for (const messages of conversations) {
      const result = runAutoQa({ messages, rating: null, locale: 'zh-CN' }, (p) => DEFAULT_SCORECARDS[p], keywords);
      const stored = { hits: result.hits, items: result.items, riskFactors: result.riskFactors, scorecardVersion: 1 };
      full += new TextEncoder().encode(JSON.stringify(result)).byteLength;
      encoded += new TextEncoder().encode(encodeEvidence(stored, messages)).byteLength;
    }
    expect(encoded / full).toBeLessThan(0.5);
  });

  it('keeps a hit whose message is gone readable (the id as stored, no span text)', () => {
    const messages = conversations[0]!;
    const result = runAutoQa({ messages, rating: null, locale: 'zh-CN' }, (p) => DEFAULT_SCORECARDS[p], keywords);
    const stored = { hits: result.hits, items: result.items, riskFactors: result.riskFactors, scorecardVersion: 1 };
    const decoded = decodeEvidence(encodeEvidence(stored, messages), []);
    expect(decoded.hits.map((h) => h.rule)).toEqual(result.hits.map((h) => h.rule));
  });
});
