import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { allMessages, shellMessages } from '../../widget/src/i18n/messages';
import { REPORTS } from '../../widget/src/i18n/reports';
import { managerWords, viewWords } from '../../widget/src/i18n/view-words';

/**
 * Each script of the widget carries only some of the words (widget.js the shell's and *Today*'s, each later
 * script its own views'): a word a view names that its script does not bring would show as nothing. Read
 * from what each script is built from, after tree-shaking (so a helper bundled for one function does not
 * count its neighbours): every `t("key")`, and every key made from a prefix (`t(`r_${k}`)`, `rule_${id}`
 * in words.ts), of which every word with that prefix must be at hand.
 */
async function wordsNamed(entry: string) {
  const out = await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife', jsx: 'automatic', jsxImportSource: 'preact', logLevel: 'error' });
  const code = out.outputFiles[0]!.text;
  const keys = new Set([...code.matchAll(/\bt\d*\(\s*"([A-Za-z0-9_]+)"/g)].map((m) => m[1]!));
  const prefixes = new Set([...code.matchAll(/(?:\bt\d*\(\s*|\bkey\d* = )`([A-Za-z0-9_]+_)\$\{/g)].map((m) => m[1]!));
  return { keys, prefixes };
}

const all = { ...allMessages().en, ...REPORTS.en };
const shell = shellMessages().en;
const SCRIPTS = [
  { script: 'widget.js', entry: 'widget/src/index.tsx', words: shell },
  { script: 'widget-views.js', entry: 'widget/src/chunks/views.tsx', words: { ...shell, ...viewWords().en } },
  { script: 'widget-manager.js', entry: 'widget/src/chunks/manager.tsx', words: { ...shell, ...managerWords().en } },
];

describe('the words each widget script brings', () => {
  for (const { script, entry, words } of SCRIPTS) {
    it(`${script} has every word its views name`, async () => {
      const { keys, prefixes } = await wordsNamed(entry);
      expect(keys.size).toBeGreaterThan(5);
      expect([...keys].filter((k) => !(k in words))).toEqual([]);
      for (const prefix of prefixes) {
        const family = Object.keys(all).filter((k) => k.startsWith(prefix));
        expect(family.length, prefix).toBeGreaterThan(0);
        expect(family.filter((k) => !(k in words)), prefix).toEqual([]);
      }
    });
  }
});
