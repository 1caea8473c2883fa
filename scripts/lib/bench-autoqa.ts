import { generateDemoDay } from '../../src/demo/generator';
import { runAutoQa } from '../../src/qa/autoqa';
import { buildKeywordConfig } from '../../src/qa/keywords';
import { DEFAULT_SCORECARDS } from '../../src/qa/templates';
import type { QaConversation } from '../../src/qa/types';

/** A fixed corpus: the demo generator's conversations for one seeded day, as AutoQA sees them. */
export function corpus(agents: number): QaConversation[] {
  const day = generateDemoDay({ seed: 'bench', date: '2026-11-21', timezone: 'Asia/Shanghai', agents });
  // Through JSON, as webhook bodies and D1 rows arrive: flat strings, not the generator's concatenations.
  const deliveries = JSON.parse(JSON.stringify(day.deliveries)) as typeof day.deliveries;
  const byConversation = new Map<string, QaConversation>();
  for (const { event } of deliveries) {
    const id = String(event.data.conversation_id);
    const c = byConversation.get(id) ?? { messages: [], rating: null, locale: 'zh-CN' };
    byConversation.set(id, c);
    if (event.type === 'message.created') {
      const sender = event.data.sender as { role: 'customer' | 'agent' | 'bot' | 'system' };
      c.messages.push({ id: String(event.data.message_id), role: sender.role, text: String(event.data.text), createdAt: Date.parse(String(event.data.created_at)) });
    }
  }
  return [...byConversation.values()];
}

const ROUNDS = 5;

/** Milliseconds per call; what the calls return is kept so that no work can be optimised away. */
function timeIt(fn: () => number, sink: number[], minMs = 1500) {
  let runs = 0;
  let kept = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    kept += fn();
    runs++;
  }
  sink.push(kept);
  return (performance.now() - start) / runs;
}

/**
 * AutoQA over the corpus against one plain pass over the same text (every code point of every
 * message visited once, folded to lower case — the least any text check does), same process, alternated.
 */
export function benchAutoQa() {
  const conversations = corpus(60);
  const keywords = buildKeywordConfig();
  const cards = (p: 'pre_sales' | 'after_sales') => DEFAULT_SCORECARDS[p];
  // Each pass sums into its own local: a counter shared by both would turn from integer to float and
  // slow whichever pass runs with it.
  const plain = () => {
    let n = 0;
    for (const c of conversations) for (const m of c.messages) for (const ch of m.text.toLowerCase()) n += ch.length;
    return n;
  };
  const autoqa = () => {
    let total = 0;
    for (const c of conversations) total += runAutoQa(c, cards, keywords).score;
    return total;
  };
  const sink: number[] = [plain(), autoqa()];
  const plainMs: number[] = [];
  const autoMs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    plainMs.push(timeIt(plain, sink));
    autoMs.push(timeIt(autoqa, sink));
  }
  const best = (xs: number[]) => Math.min(...xs);
  const messages = conversations.reduce((n, c) => n + c.messages.length, 0);
  return {
    work: `${conversations.length} conversations, ${messages} messages (seeded demo corpus), best of ${ROUNDS} alternated runs of 1.5 s${sink.includes(-1) ? '' : ''}`,
    autoqa_cps: conversations.length / (best(autoMs) / 1000),
    plain_cps: conversations.length / (best(plainMs) / 1000),
    autoqa_ratio: best(plainMs) / best(autoMs),
  };
}
