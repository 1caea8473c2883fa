import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/local-worker';
import { seedCoachingStore } from './coaching-seed';
import { axeViolations, focused, hostPage, launchChromium, screenshot, startLocalWorker, widgetText } from './helpers';

// A free port, as in widget.test.ts: the machine may run other Workers.
const PORT = await freePort();
type Role = 'agent' | 'lead' | 'qa' | 'manager';
let worker: Awaited<ReturnType<typeof startLocalWorker>>;
let seed: Awaited<ReturnType<typeof seedCoachingStore>>;
let empty: Record<Role, string>;
let browser: Browser;

async function open(token: string, locale = 'zh-CN', refresh?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
  await page.setContent(hostPage(worker.base, token, locale, refresh));
  return page;
}

/** Waits until no fetch of the view is still loading. */
const settled = (page: Page) => page.waitForFunction(() => !document.querySelector('#panel')!.shadowRoot!.querySelector('p[aria-live=polite]'));

/** Every tab of the role, each checked by axe once its fetches have settled (`check` may add states). */
async function everyTab(page: Page, check?: (name: string, report: Record<string, string[]>) => Promise<void>) {
  const tabs = page.locator('#panel [role=tab]');
  await tabs.first().waitFor();
  const report: Record<string, string[]> = {};
  for (let i = 0; i < (await tabs.count()); i++) {
    const name = (await tabs.nth(i).textContent())!;
    await tabs.nth(i).click();
    await settled(page);
    report[name] = await axeViolations(page);
    await check?.(name, report);
  }
  return report;
}

beforeAll(async () => {
  worker = await startLocalWorker(PORT);
  seed = await seedCoachingStore(worker, { timezone: 'Asia/Shanghai', days: 2 });
  // An open dispute and an open 1:1 task, so the lead's forms are checked too.
  const latest = await worker.api('GET', '/v1/cards/latest', seed.tokens.agent);
  const last = latest.card.improvements.at(-1);
  await worker.api('POST', '/v1/disputes', seed.tokens.agent, { reviewId: last.reviewId, itemId: last.itemId, reason: '我已经回答了' });
  await worker.api('PATCH', `/v1/coaching/agents/${seed.agents.阿杰}/flags`, seed.apiKey, { unstable: true, reason: '连续差评' });
  // A second store with a roster and nothing else: every view's empty state.
  const other = await worker.api('POST', '/v1/operator/stores', worker.operator, { name: 'Empty store', timezone: 'Asia/Shanghai', locale: 'zh-CN' });
  const reviewer = await worker.api('POST', '/v1/reviewers', other.apiKey, { name: '质检乙' });
  const agent = await worker.api('POST', '/v1/agents', other.apiKey, { name: '新人', team: 'pre_sales' });
  const mint = async (body: object) => (await worker.api('POST', '/v1/widget-tokens', other.apiKey, body)).token as string;
  empty = {
    agent: await mint({ sub: 'a', role: 'agent', agentId: agent.id }),
    lead: await mint({ sub: 'l', role: 'lead', team: 'pre_sales' }),
    qa: await mint({ sub: reviewer.id, role: 'qa' }),
    manager: await mint({ sub: 'm', role: 'manager' }),
  };
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe('the widget for keyboard and screen reader users', () => {
  it('axe finds nothing inside the widget on any view of any role, with data, and in details and forms opened', async () => {
    const opened: string[] = [];
    for (const role of ['agent', 'lead', 'qa', 'manager'] as const) {
      const page = await open(seed.tokens[role], role === 'lead' ? 'en' : 'zh-CN');
      const report = await everyTab(page, async (name, report) => {
        // Open what each view opens: a dispute form, a review form, a conversation, a good example.
        const opener = page.locator('#panel [role=tabpanel] button:not([role=tab]):not(.primary):visible').first();
        if (!(await opener.count()) || /重试|Retry/.test((await opener.textContent()) ?? '')) return;
        await opener.click();
        await settled(page);
        report[`${name} (opened)`] = await axeViolations(page);
      });
      expect(report, role).toEqual(Object.fromEntries(Object.keys(report).map((k) => [k, []])));
      opened.push(...Object.keys(report).filter((k) => k.endsWith('(opened)')));
      await page.close();
    }
    // Every view with something to open was opened: a dispute form, a review, a conversation, an example,
    // the lead's reply to a dispute (its validation error shown) and a 1:1 note.
    expect(opened).toEqual(
      expect.arrayContaining(['今日辅导 (opened)', '优秀案例 (opened)', 'Disputes (opened)', '1:1 coaching (opened)', '质检队列 (opened)', '会话 (opened)']),
    );
  });

  it('axe finds nothing in the empty states, which say in words that there is nothing yet', async () => {
    for (const role of ['agent', 'lead', 'qa', 'manager'] as const) {
      const page = await open(empty[role]);
      const said: string[] = [];
      const report = await everyTab(page, async () => void said.push(await widgetText(page)));
      expect(report, role).toEqual(Object.fromEntries(Object.keys(report).map((k) => [k, []])));
      if (role === 'agent') expect(said[0]).toMatch(/没有辅导卡/);
      if (role === 'qa') expect(said[0]).toMatch(/没有待质检的会话/);
      await page.close();
    }
  });

  it('axe finds nothing while a view loads, nor when its fetch fails (with a retry that works)', async () => {
    const page = await open(seed.tokens.manager, 'en');
    await page.locator('#panel [role=tab]').first().waitFor();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/v1/disputes**', async (route) => {
      await held;
      await route.continue();
    });
    await page.locator('#panel [role=tab]', { hasText: 'Disputes' }).click();
    await page.locator('#panel p[aria-live=polite]', { hasText: 'Loading…' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    release();
    await settled(page);
    await page.unroute('**/v1/disputes**');
    await page.route('**/v1/coaching/tasks**', (route) => route.abort('connectionrefused'));
    await page.locator('#panel [role=tab]', { hasText: '1:1 coaching' }).click();
    const alert = page.locator('#panel [role=alert]');
    await alert.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.unroute('**/v1/coaching/tasks**');
    await alert.locator('button', { hasText: 'Retry' }).click();
    await settled(page);
    expect(await page.locator('#panel [role=alert]').count()).toBe(0);
    await page.close();
  });

  it('names every scorecard field by its item: each item is a group, its comment and points fields carry its name', async () => {
    const page = await open(seed.tokens.qa);
    expect(await widgetText(page).then(() => page.locator('#panel .progress').textContent())).toMatch(/已完成 \d+，待完成 \d+/);
    await page.locator('#panel table.list tbody button').first().click();
    const items = page.locator('#panel fieldset[data-item]');
    await items.first().waitFor();
    expect(await items.count()).toBeGreaterThan(10);
    for (let i = 0; i < (await items.count()); i++) {
      const legend = ((await items.nth(i).locator('legend').textContent()) ?? '').trim();
      expect(await page.getByRole('group', { name: legend, exact: true }).getByRole('radio').count(), legend).toBe(3);
      expect(await page.getByRole('textbox', { name: `${legend} 说明`, exact: true }).count(), legend).toBe(1);
      expect(await page.getByRole('spinbutton', { name: new RegExp(`^${legend} 得分`) }).count(), legend).toBe(1);
    }
    expect(await page.getByRole('textbox', { name: '说明', exact: true }).count()).toBe(0);
    await page.close();
  });

  it('a view that opens takes the focus, and closing it gives the focus back to what opened it', async () => {
    const page = await open(seed.tokens.agent, 'en');
    await page.locator('#panel [role=tab]', { hasText: 'Good examples' }).click();
    const read = page.locator('#panel button', { hasText: 'Read the conversation' }).first();
    await read.click();
    await page.locator('#panel ol.transcript').waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h3', text: 'Conversation' });
    await page.locator('#panel button', { hasText: 'Back' }).click();
    await expect.poll(async () => (await focused(page))?.text).toBe('Read the conversation');
    // The same for a dispute form: Cancel gives the focus back to the button that opened it.
    await page.locator('#panel [role=tab]', { hasText: 'Today' }).click();
    const dispute = page.locator('#panel button', { hasText: 'Dispute this item' }).first();
    await dispute.click();
    await expect.poll(async () => (await focused(page))?.tag).toBe('textarea');
    await page.locator('#panel button', { hasText: 'Cancel' }).click();
    await expect.poll(async () => (await focused(page))?.text).toBe('Dispute this item');
    await page.close();
  });

  it('points out of range are refused beside the points, in the reader’s language, with the focus there', async () => {
    const page = await open(seed.tokens.qa, 'zh-CN');
    await page.locator('#panel table.list tbody button').first().click();
    const first = page.locator('#panel fieldset[data-item]').first();
    await first.waitFor();
    await first.locator('input[value=fail]').check();
    await first.locator('textarea').fill('问候晚了');
    await first.locator('input[type=number]').fill('-3');
    await page.locator('#panel form button[type=submit]').click();
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'input', invalid: 'true' });
    expect(await first.locator('.field-error').textContent()).toMatch(/^得分须在 0 到 \d+ 之间$/);
    expect(await first.locator('textarea').getAttribute('aria-invalid')).toBe('false');
    expect(await widgetText(page)).not.toContain('items.'); // no field path or server wording shown
    await page.close();
  });

  it('keyboard only: a reviewer opens a review, is sent to the field a deduction needs, fills it and submits', async () => {
    const page = await open(seed.tokens.qa, 'en');
    await page.locator('#panel table.list tbody button').first().waitFor();
    const tabTo = async (test: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 300) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if (test(await focused(page))) return;
      }
      throw new Error('never reached by Tab');
    };
    await tabTo((f) => f?.tag === 'button' && f.text === '阿杰');
    await page.keyboard.press('Enter');
    await page.locator('#panel fieldset[data-item]').first().waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h3', text: 'Review' }); // focus moved into the view
    // The first item's result: Tab into its radio group, arrow to Fail.
    await tabTo((f) => f?.tag === 'input');
    await page.keyboard.press('ArrowRight');
    const failed = page.locator('#panel fieldset[data-item]').first();
    expect(await failed.locator('input[value=fail]').isChecked()).toBe(true);
    await tabTo((f) => f?.tag === 'button' && f.text === 'Submit');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'textarea', invalid: 'true' });
    expect(await failed.locator('textarea').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.type('Greeting came late');
    await tabTo((f) => f?.tag === 'button' && f.text === 'Submit');
    await page.keyboard.press('Enter');
    await page.locator('#panel p[role=status]', { hasText: /^Submitted, agent score \d+/ }).waitFor();
    await expect.poll(async () => (await focused(page))?.text).toMatch(/^Submitted, agent score \d+/); // focus back in the queue, on the result
    await settled(page);
    await screenshot(page, 'qa-queue-after-submit-en');
    await page.close();
  });

  it("keyboard only: an agent reaches Acknowledge, presses Enter, and the focus lands on the card's new status", async () => {
    const page = await open(seed.tokens.agent);
    await page.locator('#panel article.card').waitFor();
    for (let i = 0; i < 60 && (await focused(page))?.text !== '确认已读'; i++) await page.keyboard.press('Tab');
    await expect.poll(async () => (await focused(page))?.text).toBe('确认已读');
    await page.keyboard.press('Enter');
    await page.locator('#panel .acked').waitFor();
    await expect.poll(async () => (await focused(page))?.text).toMatch(/^✓ 已于 .+ 确认$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('an expired token asks the host for a new one through onTokenExpired, once, and the request is retried with it', async () => {
    const expired = `${seed.tokens.agent.slice(0, -4)}AAAA`;
    const page = await open(expired, 'en', `return ${JSON.stringify(seed.tokens.agent)};`);
    await page.locator('#panel article.card').waitFor();
    expect(await page.evaluate(() => (window as unknown as { refreshCalls: number }).refreshCalls)).toBe(1);
    await page.close();
    // A host with no new token to give: the reader is told to sign in again, not shown a raw error.
    const stuck = await open(expired, 'en', 'return null;');
    await stuck.locator('#panel [role=alert]').waitFor();
    expect(await stuck.locator('#panel [role=alert]').textContent()).toContain('Your sign-in has expired');
    await stuck.close();
  });

  it('the demo console (/demo) gives the widget a fresh token when its own has expired', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    // The first /v1/me answers as the API does past the token's hour; the rest go to the Worker.
    let refused = 0;
    const bearers: string[] = [];
    await page.route('**/v1/me', async (route) => {
      bearers.push(route.request().headers().authorization ?? '');
      if (refused++) return route.continue();
      return route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unauthorized', message: 'Token expired' } }) });
    });
    const refreshes: string[] = [];
    page.on('request', (r) => r.url().includes('/demo/token') && refreshes.push(r.url()));
    await page.goto(`${worker.base}/demo?as=agent&lang=en&store=${seed.store.id}`);
    await page.locator('#shopqa [role=tablist]').waitFor();
    // The page names its own (empty) icon: without one the browser asks for /favicon.ico and logs a 404.
    expect(await page.locator('link[rel=icon]').count()).toBe(1);
    expect(refreshes).toHaveLength(1);
    expect(new URL(refreshes[0]!).searchParams.get('as')).toBe('agent');
    expect(bearers).toHaveLength(2);
    expect(bearers[1]).not.toBe(bearers[0]);
    expect(await page.locator('#shopqa [role=alert]').count()).toBe(0);
    await page.close();
  });

  it("the demo console's token refresh refuses a role it does not know and a store that does not exist, in the envelope", async () => {
    const badRole = await fetch(`${worker.base}/demo/token?as=owner&store=${seed.store.id}`);
    expect(badRole.status).toBe(400);
    expect(((await badRole.json()) as { error: { field: string } }).error.field).toBe('as');
    const unknown = await fetch(`${worker.base}/demo/token?as=agent&store=st_nobody`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string; field: string } }).error).toMatchObject({ code: 'not_found', field: 'store' });
    const fresh = await fetch(`${worker.base}/demo/token?as=lead&store=${seed.store.id}`);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('cache-control')).toBe('no-store');
  });
});
