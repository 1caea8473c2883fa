import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { applyMigrations, ensureDevVars, readDevVar, startWranglerDev } from '../../scripts/lib/local-worker';
import { pool, signStandardWebhook } from '../../scripts/lib/standard-webhooks';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
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
        const res = await fetch(`${base}/webhooks/generic/${connection.id}`, {
          method: 'POST',
          headers: signStandardWebhook(connection.secret, id, body),
          body,
        });
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

/**
 * A seller console page with hostile global CSS around the widget's mount point. `refresh`, when given,
 * is the body of the host's onTokenExpired callback (JavaScript; it may use `window.refreshCalls`).
 */
export function hostPage(base: string, token: string, locale: string, refresh?: string) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<style>
  * { color: rgb(255, 0, 0) !important; font-size: 31px !important; }
  button { background: rgb(0, 255, 0) !important; }
  table { display: none !important; }
</style></head><body>
<button class="host-probe">host button</button>
<div id="panel"></div>
<script src="${base}/widget.js"></script>
<script>window.refreshCalls = 0;
window.handle = ShopQA.mount(document.getElementById('panel'), { apiBase: '${base}', token: '${token}', locale: '${locale}'${refresh ? `, onTokenExpired: async () => { window.refreshCalls++; ${refresh} }` : ''} });</script>
</body></html>`;
}

/** Screenshots kept as test artifacts (git-ignored), for a person to look at after a run. */
export const ARTIFACTS = 'tests/browser/artifacts';
export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

/** axe-core over the widget (its host and shadow root): each violation as `rule: target`. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run({ include: [['#panel']] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  });
}

/** What has the focus inside the widget's shadow root: its tag, text and accessible-name hints. */
export function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector('#panel')!.shadowRoot!.activeElement as HTMLElement | null;
    return el ? { tag: el.tagName.toLowerCase(), text: (el.textContent ?? '').trim(), id: el.id, invalid: el.getAttribute('aria-invalid') } : null;
  });
}

/** The widget's rendered text (inside its shadow root, hidden parts left out). */
export const widgetText = (page: Page) =>
  // biome-ignore lint/performance/useDomNodeTextContent: rendered text on purpose: a hidden list must not count
  page.evaluate(() => (document.querySelector('#panel')!.shadowRoot!.querySelector<HTMLElement>('.shopqa')!.innerText ?? '').replace(/\s+/g, ' '));
