import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/local-worker';
import { seedCoachingStore } from './coaching-seed';
import { axeViolations, focused, hostPage, launchChromium, screenshot, startLocalWorker, widgetText } from './helpers';

// A free port, as in widget.test.ts: the machine may run other Workers.
const PORT = await freePort();
let worker: Awaited<ReturnType<typeof startLocalWorker>>;
let seed: Awaited<ReturnType<typeof seedCoachingStore>>;
let browser: Browser;

async function open(token: string, locale: 'zh-CN' | 'en', tab: string, width = 1024): Promise<Page> {
  const page = await browser.newPage({ acceptDownloads: true });
  await page.setViewportSize({ width, height: 900 });
  await page.setContent(hostPage(worker.base, token, locale));
  await page.locator('#panel [role=tab]', { hasText: tab }).click();
  return page;
}

beforeAll(async () => {
  worker = await startLocalWorker(PORT);
  seed = await seedCoachingStore(worker, { timezone: 'Asia/Shanghai', days: 3 });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe('reports and QA rules in the widget, in Chromium against the real Worker', () => {
  it("a manager sees the month of the store's yesterday: the API's figures, a chart, every agent, and the failed items in words", async () => {
    const api = await worker.api('GET', `/v1/dashboard?period=month&date=${seed.yesterday}`, seed.tokens.manager);
    expect(api.totals.figures.reviewed).toBeGreaterThan(0);
    const page = await open(seed.tokens.manager, 'zh-CN', '报表');
    const report = page.locator('#panel .report');
    await report.waitFor();
    expect(await report.getAttribute('data-period')).toBe(seed.yesterday.slice(0, 7));
    // The month so far (to yesterday) against as many days of the month before, said in words.
    const span = (from: string, to: string) => (from === to ? from : `${from} 至 ${to}`);
    const shown = api.through === api.period.to ? span(api.period.from, api.period.to) : `${span(api.period.from, api.through)}（截至目前）`;
    expect(await report.locator('p.meta').first().textContent()).toContain(`${shown} · 与上一周期相比 ${span(api.previous.from, api.previous.to)}`);
    // Coverage says why an agent-day fell short of the quota: too few chats, all of them sampled.
    const short = api.totals.figures.coverage.active - api.totals.figures.coverage.atQuota;
    const coverage = await report.locator('.figure', { hasText: '抽检达标' }).textContent();
    if (short > 0) expect(coverage).toContain(`其中 ${short} 个因会话不足未达标（已全部抽检）`);
    else expect(coverage).not.toContain('会话不足');
    // A rate's change is in percentage points, and says so.
    const passChange = await report.locator('.figure', { hasText: '合格率' }).locator('.meta').allTextContents();
    if (api.totals.trend.passRate) expect(passChange.join('')).toMatch(/(上升|下降) [\d.]+ 个百分点/);
    const tile = report.locator('.figure', { hasText: '质检数' });
    expect(await tile.locator('strong').textContent()).toBe(String(api.totals.figures.reviewed));
    expect(await report.locator('.figure', { hasText: '平均分' }).locator('strong').textContent()).toBe(String(api.totals.figures.averageScore));
    // The coaching effect is a change of a failure rate: in percentage points, which way is good said in words.
    const effect = report.locator('.figure', { hasText: '辅导效果' });
    const c = api.coachingEffectiveness.change as number | null;
    expect(await effect.locator('strong').textContent()).toBe(c === null ? '—' : `${c > 0 ? '+' : ''}${Math.round(c * 1000) / 10} 个百分点`);
    if (c) expect(await effect.textContent()).toContain(c < 0 ? '辅导后失分更少' : '辅导后失分更多');
    expect(await report.textContent()).toContain(`本周期至少 ${api.serviceStars.minReviews} 次质检`);
    // The daily line is drawn once the period has two days or more.
    expect(await report.locator('svg.chart').count()).toBe(api.series.length >= 2 ? 1 : 0);
    const agents = report.locator('table.list', { hasText: '各客服' }).locator('tbody th');
    expect((await agents.allTextContents()).sort()).toEqual(['小美', '阿杰']);
    // 小美's rude reply failed polite language: named in words, never as a code.
    expect(await report.locator('#r-failed + ol').textContent()).toContain('服务用语');
    expect(await report.textContent()).not.toMatch(/polite_language/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'manager-reports-zh-CN');
    await page.close();
  });

  it('a manager downloads the reviews as CSV: UTF-8 with a BOM, Chinese headers, one row per item', async () => {
    const page = await open(seed.tokens.manager, 'zh-CN', '报表');
    await page.locator('#panel .report').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#panel button', { hasText: '下载质检明细' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^shopqa-reviews-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    // 阿杰's reviews of yesterday are still to do: only submitted reviews are exported.
    expect(rows.map((r) => r['客服'])).toContain('小美');
    expect(rows.every((r) => ['小美', '阿杰'].includes(r['客服']!))).toBe(true);
    expect(rows.some((r) => r['质检项'] === '服务用语' && r['结果'] === '未通过')).toBe(true);
    await page.locator('#panel [role=status]', { hasText: '已下载' }).waitFor();
    // The button was disabled while the file came: the focus is back on it, not on the page's body.
    await expect.poll(async () => (await focused(page))?.text).toBe('下载质检明细（CSV）');
    await page.close();
  });

  it('a manager changes a keyword list and the sentence test reacts before and after saving', async () => {
    const page = await open(seed.tokens.manager, 'zh-CN', '质检规则');
    const panel = page.locator('#panel');
    await panel.locator('textarea').first().waitFor();
    await panel.locator('select').nth(1).selectOption('banned');
    await panel.locator('.test-box input[type=text]').fill('亲，这个请找售后');
    const banned = panel.locator('.test-result li[data-rule=banned_phrases]');
    await expect.poll(() => banned.textContent(), { timeout: 10_000 }).toBe('禁语: 通过');
    const words = panel.locator('textarea').first();
    await words.fill(`${await words.inputValue()}\n请找售后`);
    await expect.poll(() => banned.textContent(), { timeout: 10_000 }).toBe('禁语: 未通过 (“请找售后”)');
    expect(await panel.locator('.test-result li[data-list=banned]').textContent()).toBe('禁语: “请找售后”');
    await panel.locator('button', { hasText: '保存此列表' }).click();
    await panel.locator('[role=status]', { hasText: '已保存' }).first().waitFor();
    const saved = await worker.api('GET', '/v1/keywords', seed.apiKey);
    expect(saved.locales['zh-CN'].banned.added).toEqual(['请找售后']);
    expect(
      (await worker.api('POST', '/v1/keywords/test', seed.apiKey, { text: '这个请找售后' })).rules.find((r: { rule: string }) => r.rule === 'banned_phrases')
        .outcome,
    ).toBe('fail');
    await page.close();
  });

  it('says in words what a sampling value may be, beside the field, and saves nothing', async () => {
    const page = await open(seed.tokens.manager, 'en', 'QA rules');
    const field = page.locator('#panel [data-field=newHireQuota]');
    await field.locator('input').fill('20');
    await page.locator('#panel form[aria-labelledby=s-sampling] button[type=submit]').click();
    expect(await field.locator('.field-error').textContent()).toBe('Enter a whole number from 5 to 10');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'input', invalid: 'true' }); // the reader is taken to it
    expect((await worker.api('GET', '/v1/settings', seed.apiKey)).sampling.newHireQuota).toBe(10);
    await page.close();
  });

  it('a scorecard edit the API would refuse is marked at its field, in words, with the focus; a too-long keyword too', async () => {
    const page = await open(seed.tokens.manager, 'zh-CN', '质检规则');
    const editor = page.locator('#panel section[aria-labelledby=s-scorecards] form');
    const weights = editor.locator('fieldset > label.item input[type=number]');
    await weights.first().waitFor();
    // Weights that add up to 100 but with one at 0: the API refuses "categories.0.weight"; the editor says it first.
    const [a, b] = [Number(await weights.nth(0).inputValue()), Number(await weights.nth(1).inputValue())];
    await weights.nth(0).fill('0');
    await weights.nth(1).fill(String(a + b));
    await editor.locator('button[type=submit]').click();
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'input', invalid: 'true' });
    expect(await editor.locator('.field-error').first().textContent()).toBe('请输入 1 到 100 之间的整数');
    expect(await widgetText(page)).not.toMatch(/categories\.|Too small/);
    // A points value of 0 on an item: marked on that item's points, named as points.
    await weights.nth(0).fill(String(a));
    await weights.nth(1).fill(String(b));
    const points = editor.locator('[data-item] input[type=number]').first();
    await points.fill('0');
    await editor.locator('button[type=submit]').click();
    await expect.poll(async () => (await focused(page))?.invalid).toBe('true');
    expect(await points.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    expect(await editor.locator('[data-item] .field-error').first().textContent()).toBe('分值: 请输入 1 到 100 之间的整数');
    // A keyword longer than a list takes: said beside the list, with the focus; nothing saved.
    const words = page.locator('#panel section[aria-labelledby=s-keywords] textarea').first();
    await words.fill(`${'很'.repeat(60)}\n您好`);
    await page.locator('#panel button', { hasText: '保存此列表' }).click();
    await expect.poll(async () => (await focused(page))?.tag).toBe('textarea');
    expect(await widgetText(page)).toContain('每行一个词或短语，每个最多 50 个字（第 1 行超出）');
    await page.close();
  });

  it("a lead's reports hold their team only, in a 360 px side panel without overflow", async () => {
    const page = await open(seed.tokens.lead, 'en', 'Reports', 360);
    await page.locator('#panel .report').waitFor();
    expect(await page.locator('#panel .report > p.meta').textContent()).toContain('Your team only: pre_sales');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.close();
  });
});
