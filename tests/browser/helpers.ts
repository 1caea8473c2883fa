import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { applyMigrations, ensureDevVars, readDevVar, startWranglerDev } from '../../scripts/lib/local-worker';
import { pool, signStandardWebhook } from '../../scripts/lib/standard-webhooks';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** The real Worker under wrangler dev on fresh local databases (the directory and the store databases), for the browser tests. */
export async function startLocalWorker(port: number) {
  ensureDevVars();
  const persist = mkdtempSync(join(process.cwd(), '.bench-browser-'));
  await applyMigrations({ persistTo: persist, quiet: true });
  const child: ChildProcess = await startWranglerDev(port, { persistTo: persist, quiet: true });
  const base = `http://127.0.0.1:${port}`;
  const operator = readDevVar('OPERATOR_TOKEN')!;
  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json().catch(() => null)) as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    base,
    operator,
    api,
    async send(connection: { id: string; secret: string }, events: { id: string; event: unknown }[]) {
      await pool(events, 8, async ({ id, event }) => {
        const body = JSON.stringify(event);
        const res = await fetch(`${base}/webhooks/generic/${connection.id}`, { method: 'POST', headers: signStandardWebhook(connection.secret, id, body), body });
        if (res.status !== 202) throw new Error(`webhook ${res.status}`);
      });
    },
    async stop() {
      child.kill('SIGINT');
      await new Promise((r) => setTimeout(r, 300));
      rmSync(persist, { recursive: true, force: true });
    },
  };
}

/** A seller console page with hostile global CSS around the widget's mount point. */
export function hostPage(base: string, token: string, locale: string) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<style>
  * { color: rgb(255, 0, 0) !important; font-size: 31px !important; }
  button { background: rgb(0, 255, 0) !important; }
  table { display: none !important; }
</style></head><body>
<button class="host-probe">host button</button>
<div id="panel"></div>
<script src="${base}/widget.js"></script>
<script>window.handle = ShopQA.mount(document.getElementById('panel'), { apiBase: '${base}', token: '${token}', locale: '${locale}' });</script>
</body></html>`;
}
