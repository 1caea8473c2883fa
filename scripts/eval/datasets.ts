import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QaConversation, QaMessage } from '../../src/qa/types';

export interface Labelled<L> {
  id: string;
  conversation: QaConversation;
  label: L;
}

/** Parses a Python list literal of strings, as the JDDC files hold them. */
export function parsePyStringList(text: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g;
  for (const m of text.matchAll(re)) {
    const raw = m[1] ?? m[2] ?? '';
    out.push(raw.replace(/\\(.)/g, (_s, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c)));
  }
  return out;
}

function messages(turns: { role: 'customer' | 'agent'; text: string }[]): QaMessage[] {
  return turns.filter((t) => t.text.trim()).map((t, i) => ({ id: `m${i}`, role: t.role, text: t.text, createdAt: null }));
}

/**
 * USS-JDDC in the USDA split. One line per labelled user turn: the window of the dialogue's last ≤16
 * user turns up to that turn ("user|||reply" pairs; a reply appears once the next user turn exists),
 * the turn's intents and its label. The first three user turns have no line of their own, and the
 * dialogue's last line has the user text `OVERALL` and the dialogue label (0 dissatisfied, 1 neutral,
 * 2 satisfied). Chaining the windows gives back the whole dialogue, not just its last 16 turns.
 */
export function loadJddc(dir: string, split: 'valid' | 'test'): Labelled<number>[] {
  const lines = readFileSync(join(dir, 'uss-jddc-usda-split', `${split}_jddc.txt`), 'utf8').split('\n');
  const out: Labelled<number>[] = [];
  let windows: string[][] = [];
  for (const line of lines) {
    const [window, , label] = line.split('\t');
    if (!window || label === undefined) continue;
    const pairs = parsePyStringList(window);
    if (!pairs.at(-1)?.startsWith('OVERALL|||')) {
      windows.push(pairs);
      continue;
    }
    windows.push(pairs.slice(0, -1));
    out.push({ id: `${split}-${out.length}`, conversation: { messages: messages(chainWindows(windows)), rating: null, locale: 'zh-CN' }, label: Number(label) });
    windows = [];
  }
  return out;
}

/** Window j ends at user turn j + 3; the OVERALL window ends where the one before it did. */
function chainWindows(windows: string[][]): { role: 'customer' | 'agent'; text: string }[] {
  const pairs: string[] = [];
  windows.forEach((w, j) => {
    const end = Math.min(j, windows.length - 2) + 3;
    w.forEach((pair, k) => {
      pairs[end - w.length + 1 + k] = pair;
    });
  });
  return pairs.flatMap((pair = '') => {
    const [user = '', reply = ''] = pair.split('|||');
    return [
      { role: 'customer' as const, text: user },
      { role: 'agent' as const, text: reply },
    ];
  });
}

export interface Stc3Label {
  S: number;
  A: number;
  E: number;
}

/** STC-3 DCH-1 (Chinese): customer/helpdesk turns and the mean of 19 annotators' A, S, E. */
export function loadStc3(dir: string): Labelled<Stc3Label>[] {
  const data = JSON.parse(readFileSync(join(dir, 'stc3-dch1', 'train_data_cn.json'), 'utf8')) as {
    id: string;
    turns: { sender: string; utterances: string[] }[];
    annotations: { quality: Stc3Label }[];
  }[];
  return data.map((d) => {
    const mean = (k: keyof Stc3Label) => d.annotations.reduce((s, a) => s + a.quality[k], 0) / d.annotations.length;
    const turns = d.turns.map((t) => ({ role: t.sender === 'customer' ? ('customer' as const) : ('agent' as const), text: t.utterances.join(' ') }));
    return { id: d.id, conversation: { messages: messages(turns), rating: null, locale: 'zh-CN' }, label: { S: mean('S'), A: mean('A'), E: mean('E') } };
  });
}

/** STC-3 ids ending in 0–6 may be tuned on; 7–9 are held out. */
export const isStc3Heldout = (id: string) => /[7-9]$/.test(id);
