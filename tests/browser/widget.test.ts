import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/local-worker';
import { focused, hostPage, launchChromium, startLocalWorker } from './helpers';

// A free port: the machine may run other Workers (a fixed port could answer with someone else's).
const PORT = Number(process.env.BROWSER_TEST_PORT) || (await freePort());
const DATE = '2026-11-21';
let storeKey: string;
let worker: Awaited<ReturnType<typeof startLocalWorker>>;
let browser: Browser;
let tokens: Record<'qa' | 'manager' | 'agent', string>;
let agentConversations: number;

const at = (min: number, sec = 0) => new Date(Date.UTC(2026, 10, 21, 3, min, sec)).toISOString();
function chat(n: number, agent: string, agentText: string) {
  const c = `b-${agent}-${n}`;
  const msg = (id: string, role: string, text: string, min: number, sec: number) => ({
    id: `${c}-${id}`,
    event: {
      type: 'message.created',
      timestamp: at(min, sec),
      data: {
        platform: 'jd',
        conversation_id: c,
        message_id: `${c}-${id}`,
        sender: role === 'agent' ? { role, id: agent, name: agent === 'ag-1' ? '小美' : '阿杰' } : { role, id: `cust-${c}`, name: '张女士' },
        text,
        content_type: 'text',
        created_at: at(min, sec),
      },
    },
  });
  return [
    msg('1', 'customer', '这件有L码吗？', n, 0),
    msg('2', 'agent', agentText, n, 20),
    {
      id: `${c}-close`,
      event: { type: 'conversation.closed', timestamp: at(n + 1), data: { platform: 'jd', conversation_id: c, closed_at: at(n + 1), reason: 'resolved' } },
    },
  ];
}

async function open(page: Page, token: string, locale = 'zh-CN', width = 1280) {
  await page.setViewportSize({ width, height: 900 });
  await page.setContent(hostPage(worker.base, token, locale));
  await page.locator('#panel [role=tablist]').waitFor();
}

beforeAll(async () => {
  worker = await startLocalWorker(PORT);
  const { store, apiKey } = await worker.api('POST', '/v1/operator/stores', worker.operator, {
    name: 'Browser store',
    timezone: 'Asia/Shanghai',
    locale: 'zh-CN',
  });
  storeKey = apiKey;
  const connection = await worker.api('POST', '/v1/connections', apiKey, { platform: 'generic', name: 'relay' });
  const reviewer = await worker.api('POST', '/v1/reviewers', apiKey, { name: '质检甲' });
  const events = [
    ...chat(1, 'ag-1', '不知道，你自己看'),
    ...chat(3, 'ag-1', '亲，您好，有的'),
    ...chat(5, 'ag-2', '您好，L码有货'),
    ...chat(7, 'ag-2', '有的亲'),
  ];
  await worker.send(connection, events);
  for (let i = 0; i < 100; i++) {
    const list = await worker.api('GET', '/v1/conversations', apiKey);
    if (list.data.length === 4 && list.data.every((c: { autoQa: unknown }) => c.autoQa)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await worker.api('POST', '/v1/jobs/daily', apiKey, { date: DATE });
  const agents = (await worker.api('GET', '/v1/agents', apiKey)).data as { id: string; name: string }[];
  const mint = async (body: unknown) => (await worker.api('POST', '/v1/widget-tokens', apiKey, body)).token as string;
  const agentId = agents.find((a) => a.name === '小美')!.id;
  tokens = {
    qa: await mint({ sub: reviewer.id, role: 'qa' }),
    manager: await mint({ sub: 'boss', role: 'manager' }),
    agent: await mint({ sub: 'u1', role: 'agent', agentId }),
  };
  agentConversations = (await worker.api('GET', `/v1/conversations?agentId=${agentId}`, apiKey)).data.length;
  expect(store.id).toMatch(/^st_/);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe('the widget in Chromium against the real Worker', () => {
  it('a QA reviewer opens a review, sees the evidence highlighted, is stopped without a comment, then submits', async () => {
    const page = await browser.newPage();
    await open(page, tokens.qa);
    const rows = page.locator('#panel table.list tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4);
    // The review with the banned phrase: its mark sits on the agent's message.
    // Sampling reasons in words: the banned phrase is named, not `keyword:不知道`.
    await page.locator('#panel table.list tbody tr', { hasText: '禁语“不知道”' }).locator('button').click();
    const mark = page.locator('#panel mark.hit.fail').first();
    await mark.waitFor();
    expect(await mark.textContent()).toMatch(/不知道|你自己看/);
    expect(await mark.evaluate((el) => el.closest('li')!.classList.contains('agent'))).toBe(true);
    // The highlighted message says in words which rule it broke, not only in colour: "✗ 禁语: 未通过".
    expect(await mark.evaluate((el) => el.closest('li')!.querySelector('.msg-rules')!.textContent)).toContain('✗ 禁语: 未通过');
    expect(await mark.getAttribute('title')).toBe('禁语');
    // polite_language was pre-filled as fail from AutoQA: submitting without a comment is blocked here.
    const politeFail = page.locator('#panel [data-item=polite_language] input[value=fail]');
    expect(await politeFail.isChecked()).toBe(true);
    const submits: string[] = [];
    page.on('request', (r) => r.url().endsWith('/submit') && submits.push(r.postData() ?? ''));
    await page.locator('#panel button[type=submit]').click();
    await page.locator('#panel [data-item=polite_language] .field-error').waitFor();
    expect(submits).toEqual([]);
    await page.locator('#panel [data-item=polite_language] textarea').fill('使用了禁语');
    // Every other deduction AutoQA pre-filled (no greeting, no closing) needs its comment too.
    const failing = page.locator('#panel [data-item]').filter({ has: page.locator('input[value=fail]:checked') });
    for (let i = 0; i < (await failing.count()); i++) {
      const area = failing.nth(i).locator('textarea');
      if (!(await area.inputValue())) await area.fill('缺少规范用语');
    }
    await page.locator('#panel button[type=submit]').click();
    await page.locator('#panel [role=status]', { hasText: /已提交/ }).waitFor();
    const body = JSON.parse(submits[0]!);
    // The finding names the message it is about (AutoQA's evidence by default): the coaching card quotes it.
    expect(body.items.find((i: { itemId: string }) => i.itemId === 'polite_language')).toEqual({
      itemId: 'polite_language',
      outcome: 'fail',
      comment: '使用了禁语',
      messageId: expect.any(String),
    });
    // The queue reloads after the submission: wait for it to settle on the three left.
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    await page.close();
  });

  it('host CSS does not reach into the widget, and the widget CSS does not leak out', async () => {
    const page = await browser.newPage();
    await open(page, tokens.manager);
    const tab = page.locator('#panel [role=tab]').first();
    const inside = await tab.evaluate((el) => ({ color: getComputedStyle(el).color, size: getComputedStyle(el).fontSize }));
    expect(inside.color).not.toBe('rgb(255, 0, 0)');
    expect(inside.size).not.toBe('31px');
    // The sample view opens on the store's yesterday; the sampled day is a fixed date.
    await page.locator('#panel [role=tab]', { hasText: '团队抽检' }).click();
    await page.locator('#panel input[type=date]').fill(DATE);
    await page.locator('#panel table.list').first().waitFor();
    expect(await page.locator('#panel table.list').first().isVisible()).toBe(true);
    const host = await page.locator('.host-probe').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(host).toBe('rgb(0, 255, 0)');
    await page.close();
  });

  it('a manager sees coverage for the sampled day and a clear message for a day not sampled; tabs work by keyboard', async () => {
    const page = await browser.newPage();
    await open(page, tokens.manager, 'en');
    await page.locator('#panel [role=tab]', { hasText: 'Team sample' }).click();
    await page.locator('#panel input[type=date]').fill(DATE);
    await page.locator('#panel .figure', { hasText: 'Active agents' }).waitFor();
    expect(await page.locator('#panel .figure', { hasText: 'Active agents' }).locator('strong').textContent()).toBe('2');
    await page.locator('#panel input[type=date]').fill('2026-01-01');
    await page.locator('#panel', { hasText: 'This day has not been sampled yet' }).waitFor();
    const tabs = page.locator('#panel [role=tab]');
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');
    const secondTab = await tabs.nth(1).textContent();
    expect(await page.evaluate(() => (document.querySelector('#panel')!.shadowRoot!.activeElement as HTMLElement).textContent)).toBe(secondTab);
    await page.evaluate(() => (window as unknown as { handle: { setLocale: (l: string) => void } }).handle.setLocale('zh-CN'));
    await page.locator('#panel [role=tab]', { hasText: '质检队列' }).waitFor();
    // A conversation says where its risk comes from (for a manager): the customer's question ended without a thanks.
    await page.locator('#panel [role=tab]', { hasText: '会话' }).last().click();
    // Whose chat and when (on the store's clock), before the customer and the numbers.
    await page.locator('#panel table.list tbody tr').first().waitFor();
    expect((await page.locator('#panel table.list th').allTextContents()).slice(0, 5)).toEqual(['开始时间', '客服', '顾客', '状态', '客服得分（AutoQA）']);
    const agentCells = await page.locator('#panel table.list tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(agentCells)).toContain('小美');
    expect(await page.locator('#panel table.list tbody tr td:nth-child(1)').first().textContent()).toMatch(/^11月21日/);
    await page.locator('#panel table.list tbody tr').first().locator('button').click();
    const factors = page.locator('#panel ul.factors li');
    await factors.first().waitFor();
    expect(await factors.allTextContents()).toEqual(['+0.5 结束时没有道谢']);
    await page.close();
  });

  it('an agent in a 360 px side panel sees only their own conversations, never the risk, without horizontal overflow', async () => {
    const page = await browser.newPage();
    await open(page, tokens.agent, 'zh-CN', 360);
    expect(await page.locator('#panel [role=tab]').allTextContents()).toEqual(['今日辅导', '我的趋势', '优秀案例', '我的会话']);
    await page.locator('#panel [role=tab]', { hasText: '我的会话' }).click();
    const rows = page.locator('#panel table.list tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(agentConversations);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.locator('#panel table.list th').allTextContents()).toEqual(['开始时间', '顾客', '状态', '客服得分（AutoQA）']); // no agent column: all are the agent's own
    await rows.first().locator('button').click();
    await page.locator('#panel ol.transcript').waitFor();
    expect(await page.locator('#panel ul.factors').count()).toBe(0);
    expect(await page.locator('#panel [role=tabpanel]').textContent()).not.toContain('顾客不满风险');
    await page.close();
  });

  it('shows an error with a retry when the API refuses the token', async () => {
    const page = await browser.newPage();
    const forged = `${tokens.manager.slice(0, -4)}AAAA`;
    // The widget first asks who the token is (GET /v1/me): refused, it shows no views, only the message.
    await page.setContent(hostPage(worker.base, forged, 'zh-CN'));
    await page.locator('#panel [role=alert]').waitFor();
    expect(await page.locator('#panel [role=tab]').count()).toBe(0);
    expect(await page.locator('#panel [role=alert]').textContent()).toContain('登录已过期');
    expect(await page.locator('#panel [role=alert] button').textContent()).toBe('重试');
    await page.close();
  });
  it('a manager sees, per item in words, how often reviewers kept AutoQA’s outcome and where they overrode it', async () => {
    // One more submission through the API: it keeps AutoQA's outcomes except the closing, passed.
    const pending = (await worker.api('GET', '/v1/reviews?status=pending', storeKey)).data as { id: string }[];
    const review = await worker.api('GET', `/v1/reviews/${pending[0]!.id}`, storeKey);
    const items = review.items.map((i: { itemId: string; outcome: string | null }) =>
      i.itemId === 'closing' ? { itemId: 'closing', outcome: 'pass' } : i.outcome === 'fail' ? { itemId: i.itemId, outcome: 'fail', comment: '同意' } : { itemId: i.itemId, outcome: i.outcome ?? 'pass' },
    );
    await worker.api('POST', `/v1/reviews/${pending[0]!.id}/submit`, storeKey, { items });
    const page = await browser.newPage();
    await open(page, tokens.manager, 'en');
    await page.locator('#panel [role=tab]', { hasText: 'AutoQA agreement' }).click();
    const closing = page.locator('#panel table.list tbody tr', { hasText: 'Closing' });
    await closing.waitFor();
    const judged = Number(await closing.locator('td').nth(1).textContent());
    expect(judged).toBeGreaterThanOrEqual(1);
    const summary = closing.locator('summary');
    const overridden = Number((await summary.textContent())!.match(/^Overrides: (\d+)$/)![1]);
    expect(overridden).toBeGreaterThanOrEqual(1);
    // The share kept is rounded down: with any override it never reads 100%.
    expect(await closing.locator('td').nth(2).textContent()).toBe(`${Math.floor(((judged - overridden) / judged) * 1000 + 1e-9) / 10}%`);
    await summary.click();
    const override = closing.locator('.overrides li').first();
    expect(await override.textContent()).toMatch(/^Reviewed .+ · AutoQA: Fail → reviewer: Pass$/);
    // An override opens its conversation, transcript and evidence; Back returns to the same button.
    await override.locator('button').click();
    await page.locator('#panel ol.transcript li.bubble').first().waitFor();
    expect(await page.locator('#panel #conv-title').textContent()).toBe('Conversation');
    await page.locator('#panel button', { hasText: 'Back' }).click();
    await expect.poll(async () => (await focused(page))?.text).toMatch(/^Reviewed /);
    // The manager leaves the item to reviewers from the panel, and takes it back.
    const leave = closing.getByRole('button', { name: 'Leave to reviewers' });
    expect(await leave.getAttribute('aria-describedby')).toBe('agreement-closing'); // read with the item's name
    await leave.click();
    await page.locator('#panel [role=status]', { hasText: 'Closing: left to reviewers in conversations scored from now on' }).waitFor();
    await closing.locator('.chip', { hasText: 'Auto judgement off' }).waitFor();
    expect((await worker.api('GET', '/v1/settings', storeKey)).autoQaManualItems).toContain('closing');
    await expect.poll(async () => (await focused(page))?.text).toBe('Judge automatically again');
    await closing.getByRole('button', { name: 'Judge automatically again' }).click();
    await page.locator('#panel [role=status]', { hasText: 'Closing: judged by AutoQA again' }).waitFor();
    expect((await worker.api('GET', '/v1/settings', storeKey)).autoQaManualItems).not.toContain('closing');
    await page.evaluate(() => (window as unknown as { handle: { setLocale: (l: string) => void } }).handle.setLocale('zh-CN'));
    await page.locator('#panel table.list tbody tr', { hasText: '结束语' }).waitFor();
    await page.close();
  });
});
