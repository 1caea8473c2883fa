/**
 * Builds the widget into public/widget.js (one IIFE exposing `ShopQA`: the shell and the agent's *Today*,
 * all an agent's first view loads) and the views loaded later beside it (widget/src/chunks/):
 * public/widget-views.js (every other view) and public/widget-manager.js (reports, QA rules), and checks
 * the size budgets. Run by `npm start` and `npm test`; importable as buildWidget().
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Gzipped bytes the widget may weigh: it loads inside someone else's admin console. */
export const WIDGET_BUDGET_BYTES = 30 * 1024;
/** The scripts loaded later, each fetched the first time one of its views opens. */
export const CHUNK_BUDGET_BYTES = { views: 24 * 1024, manager: 16 * 1024 };

/**
 * Each language's strings for widget.js (the shell's, the tabs' and *Today*'s: the views' words come with
 * the scripts loaded later) as JSON text, defined into the bundle: the widget parses only the language it
 * shows, and JSON.parse is much cheaper for the engine than compiling the same object literals.
 */
async function messagesJson() {
  const out = await build({ entryPoints: ['widget/src/i18n/messages.ts'], bundle: true, format: 'esm', write: false, logLevel: 'error' });
  const { shellMessages } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  const all = shellMessages();
  return JSON.stringify(Object.fromEntries(Object.entries(all).map(([locale, strings]) => [locale, JSON.stringify(strings)])));
}

/**
 * Modules the chunks take from the widget (widget/src/shared.ts): those that must be one instance (Preact's
 * hooks and JSX runtime, the context, the ApiError class, the messages). The small helpers (dates, focus,
 * status, use-fetch, words) are bundled into each chunk instead: shared, widget.js would have to keep every
 * export of them, code the agent's first view would parse and never run.
 */
const SHARED = {
  'preact/hooks': 'hooks',
  'preact/jsx-runtime': 'jsx',
  [resolve('widget/src/api')]: 'api',
  [resolve('widget/src/context')]: 'context',
  [resolve('widget/src/i18n/messages')]: 'messages',
};
/** The hooks widget.js exposes (widget/src/shared.ts lists the same): not the module's namespace, which keeps every hook. */
const SHARED_HOOKS = ['useCallback', 'useContext', 'useEffect', 'useLayoutEffect', 'useRef', 'useState'];
const sharedFromWidget = {
  name: 'shared-from-widget',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const key = args.path.startsWith('.') ? resolve(args.resolveDir, args.path.replace(/\.tsx?$/, '')) : args.path;
      return SHARED[key] ? { path: SHARED[key], namespace: 'shared' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'shared' }, (args) => {
      const from = `globalThis.__shopqaShared[${JSON.stringify(args.path)}]`;
      // The hooks by name, as widget/src/shared.ts exposes them: a chunk importing any other fails to build.
      if (args.path === 'hooks') return { contents: SHARED_HOOKS.map((n) => `export const ${n} = ${from}.${n};`).join('\n'), loader: 'js' };
      return { contents: `module.exports = ${from};`, loader: 'js' };
    });
  },
};

const OPTIONS = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  sourcemap: true,
  legalComments: 'none',
};

function checkSize(file, budget, quiet) {
  const gzipped = gzipSync(readFileSync(file)).byteLength;
  if (!quiet) console.log(`widget: ${file} ${(gzipped / 1024).toFixed(1)} KiB gzipped (budget ${budget / 1024} KiB)`);
  if (gzipped > budget) throw new Error(`${file} ${gzipped} B gzipped exceeds the ${budget} B budget`);
  return gzipped;
}

export async function buildWidget({ quiet = false } = {}) {
  const logLevel = quiet ? 'error' : 'warning';
  const define = { SHOPQA_MESSAGES_JSON: await messagesJson(), SHOPQA_BUNDLED: 'true' };
  // V8's compile hint (Chromium 136+; elsewhere just a comment): compile every function of widget.js as
  // the script is compiled — off the main thread while a script from the network streams in — instead of
  // pre-parsing each and compiling it again on its first call. widget.js now holds little but what the first
  // view runs, so there is nothing to waste.
  const banner = { js: '//# allFunctionsCalledOnLoad' };
  await build({ ...OPTIONS, define, banner, entryPoints: ['widget/src/index.tsx'], outfile: 'public/widget.js', logLevel });
  for (const [name, budget] of Object.entries(CHUNK_BUDGET_BYTES)) {
    const outfile = `public/widget-${name}.js`;
    await build({ ...OPTIONS, entryPoints: [`widget/src/chunks/${name}.tsx`], outfile, logLevel, plugins: [sharedFromWidget] });
    checkSize(outfile, budget, quiet);
  }
  return checkSize('public/widget.js', WIDGET_BUDGET_BYTES, quiet);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWidget();
