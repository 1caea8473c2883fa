import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * A module as the Worker runs its code: bundled by esbuild into one ES module, as wrangler bundles
 * src/index.ts. Benches that time src/ code in Node load it this way, not through tsx: tsx compiles
 * each file on its own and reads every import of another module through a getter, which costs the
 * code under test time the Worker never spends (~15% of AutoQA's, measured 2026-12-02).
 */
export async function importBundled<T>(entry: string): Promise<T> {
  const out = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', target: 'es2022', write: false, logLevel: 'warning' });
  const dir = mkdtempSync(join(tmpdir(), 'shopqa-bundle-'));
  try {
    const file = join(dir, 'module.mjs');
    writeFileSync(file, out.outputFiles[0]!.text);
    return (await import(pathToFileURL(file).href)) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
