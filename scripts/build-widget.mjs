/**
 * Builds the widget into public/widget.js (one IIFE exposing `ShopQA`) and checks its size budget.
 * Run by `npm start` and `npm test`; importable as buildWidget().
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Gzipped bytes the widget may weigh: it loads inside someone else's admin console. */
export const WIDGET_BUDGET_BYTES = 30 * 1024;

/**
 * Each language's strings as JSON text, defined into the bundle: the widget parses only the language it
 * shows, and JSON.parse is much cheaper for the engine than compiling the same object literals.
 */
async function messagesJson() {
  const out = await build({ entryPoints: ['widget/src/i18n/messages.ts'], bundle: true, format: 'esm', write: false, logLevel: 'error' });
  const { allMessages } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  const all = allMessages();
  return JSON.stringify(Object.fromEntries(Object.entries(all).map(([locale, strings]) => [locale, JSON.stringify(strings)])));
}

export async function buildWidget({ quiet = false } = {}) {
  await build({
    define: { SHOPQA_MESSAGES_JSON: await messagesJson(), SHOPQA_BUNDLED: 'true' },
    entryPoints: ['widget/src/index.tsx'],
    outfile: 'public/widget.js',
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    sourcemap: true,
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
  });
  const gzipped = gzipSync(readFileSync('public/widget.js')).byteLength;
  if (!quiet) console.log(`widget: public/widget.js ${(gzipped / 1024).toFixed(1)} KiB gzipped (budget ${WIDGET_BUDGET_BYTES / 1024} KiB)`);
  if (gzipped > WIDGET_BUDGET_BYTES) throw new Error(`widget bundle ${gzipped} B gzipped exceeds the ${WIDGET_BUDGET_BYTES} B budget`);
  return gzipped;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWidget();
