/**
 * `npx tsx scripts/golden/autoqa-golden.ts [out-dir]`: every AutoQA outcome over a fixed body of chats,
 * written one line per result (score, items, risk and its factors, every rule hit with its spans) to
 * out-dir (default /tmp/autoqa-golden), a file per section, with a hash per section on stdout. Run it
 * before and after a change to AutoQA that must not change what it decides, and diff the two.
 * Sections: the bench corpus; derived versions of it (no timestamps, shuffled, internal notes, bots,
 * full-width, upper case); other options and store lists; "test this sentence" on every text; the
 * labelled datasets when ../shared/datasets is there (read in place; output outside the repo); and
 * every value tests/unit/qa computes and checks.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { generateDemoDay } from '../../src/demo/generator';
import { runAutoQa, type AutoQaOptions } from '../../src/qa/autoqa';
import { buildKeywordConfig, type KeywordConfig, type KeywordOverrides } from '../../src/qa/keywords';
import { testSentence } from '../../src/qa/sentence-test';
import { DEFAULT_SCORECARDS } from '../../src/qa/templates';
import type { QaConversation } from '../../src/qa/types';
import { loadJddc, loadStc3 } from '../eval/datasets';
import { corpus } from '../lib/bench-autoqa';
import { lines as fixtureLines, stable } from './record';

const out = process.argv[2] ?? '/tmp/autoqa-golden';
mkdirSync(out, { recursive: true });
const cards = (phase: 'pre_sales' | 'after_sales') => DEFAULT_SCORECARDS[phase];
const builtin = buildKeywordConfig();

function write(section: string, lines: string[]) {
  const text = `${lines.join('\n')}\n`;
  writeFileSync(join(out, `${section}.jsonl`), text);
  console.log(`${section.padEnd(12)} ${String(lines.length).padStart(6)} lines  ${createHash('sha256').update(text).digest('hex').slice(0, 16)}`);
}

const score = (cs: QaConversation[], keywords: KeywordConfig = builtin, opts?: AutoQaOptions) => cs.map((c) => stable(runAutoQa(c, cards, keywords, opts)));

// The bench corpus, and a second seeded day with more agents on another platform.
const bench = corpus(60);
write('bench', score(bench));
const day = generateDemoDay({ seed: 'golden', date: '2026-10-03', timezone: 'Asia/Shanghai', agents: 40, platform: 'livechat' });
const other = new Map<string, QaConversation>();
for (const { event } of JSON.parse(JSON.stringify(day.deliveries)) as typeof day.deliveries) {
  if (event.type !== 'message.created') continue;
  const id = String(event.data.conversation_id);
  const c = other.get(id) ?? { messages: [], rating: null, locale: 'en' };
  other.set(id, c);
  const sender = event.data.sender as { role: 'customer' | 'agent' | 'bot' | 'system' };
  c.messages.push({ id: String(event.data.message_id), role: sender.role, text: String(event.data.text), createdAt: Date.parse(String(event.data.created_at)) });
}
write('demo2', score([...other.values()]));

// Derived chats: what prepare, the timing rules and folding see differently.
const wide = (t: string) => t.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
const derived: QaConversation[] = [];
bench.forEach((c, i) => {
  const ms = c.messages;
  derived.push({ ...c, messages: ms.map((m) => ({ ...m, createdAt: null })) });
  derived.push({ ...c, messages: [...ms].reverse(), rating: (i % 5) + 1 });
  derived.push({ ...c, messages: ms.map((m, k) => ({ ...m, internal: k % 3 === 1 })), phaseTag: i % 2 ? 'after_sales' : null });
  derived.push({ ...c, messages: ms.map((m, k) => (k % 4 === 2 ? { ...m, role: k % 8 === 2 ? 'bot' : 'system' } : m)), agentPhase: 'pre_sales' });
  derived.push({ ...c, messages: ms.map((m) => ({ ...m, text: wide(m.text) })) });
  derived.push({ ...c, messages: ms.map((m) => ({ ...m, text: m.text.toUpperCase() })) });
  derived.push({ ...c, messages: ms.map((m, k) => ({ ...m, createdAt: m.createdAt === null ? null : m.createdAt + ((k * 7919) % 5) * 40_000 })) });
});
write('derived', score(derived));

// Options and a store's own lists (added and removed words, a locale of its own).
const overrides: KeywordOverrides = {
  'zh-CN': { solution: { add: ['帮您看看', '可以的'], remove: ['尝试'] }, thanks: { add: [], remove: ['好的'] }, negative: { add: ['等了很久'], remove: [] }, greeting: { add: ['亲爱的'], remove: ['亲'] } },
  en: { process: { add: ['return label'], remove: [] }, pushback: { add: [], remove: ['no'] } },
  ru: { greeting: { add: ['здравствуйте'], remove: [] }, banned: { add: ['не знаю'], remove: [] } },
};
const store = buildKeywordConfig(overrides);
write('options', [
  ...score(bench, store),
  ...score(bench, builtin, { allowedDomains: ['jd.com', 'example.com'], manualItems: ['solution', 'soothing', 'polite_language'] }),
  ...score(bench, builtin, { timing: { firstResponseSeconds: 5, avgResponseSeconds: 10, waitingPhraseAfterSeconds: 15 } }),
]);

// "Test this sentence" on every distinct text, said by either side.
const texts = [...new Set(bench.flatMap((c) => c.messages.map((m) => m.text)))];
write('sentences', texts.flatMap((t) => [stable(testSentence(t, 'agent', builtin)), stable(testSentence(t, 'customer', store, { allowedDomains: ['jd.com'] }))]));

// The labelled datasets, with the options the evaluation uses.
const data = '../shared/datasets';
if (existsSync(data)) {
  const jddc = [...loadJddc(data, 'valid'), ...loadJddc(data, 'test')].map((l) => l.conversation);
  write('datasets', [...score(jddc, builtin, { allowedDomains: ['jd.com'] }), ...score(loadStc3(data).map((l) => l.conversation))]);
} else console.log('datasets     (none at ../shared/datasets)');

// The unit tests' fixtures: every runRules / runAutoQa result and every value they check.
fc.configureGlobal({ seed: 20261202, numRuns: 100 });
register('./hooks.mjs', import.meta.url);
const { queue } = await import('./vitest-stub');
const dir = 'tests/unit/qa';
for (const file of readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort()) {
  fixtureLines.push(`file ${file}`);
  await import(`../../${dir}/${file}`);
  for (const { name, fn } of queue.splice(0)) {
    fixtureLines.push(`test ${name}`);
    await fn();
  }
}
write('fixtures', fixtureLines);
