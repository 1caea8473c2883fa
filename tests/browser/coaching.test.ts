import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/local-worker';
import { addDays } from '../../src/lib/time';
import { localDateTime } from '../../src/lib/time';
import { formatDay, formatWallClock } from '../../widget/src/dates';
import { seedCoachingStore, zoneAheadOrBehindUtc } from './coaching-seed';
import { focused, hostPage, launchChromium, screenshot, startLocalWorker, widgetText } from './helpers';

// A free port, as in widget.test.ts: the machine may run other Workers.
const PORT = await freePort();
let worker: Awaited<ReturnType<typeof startLocalWorker>>;
let seed: Awaited<ReturnType<typeof seedCoachingStore>>;
let browser: Browser;
let utc: BrowserContext;

/** The widget in a browser whose clock says UTC, while the store is in a zone on another date. */
async function open(token: string, locale: 'zh-CN' | 'en', width = 1024): Promise<Page> {
  const page = await utc.newPage();
  await page.setViewportSize({ width, height: 900 });
  // Counts the Intl date formatters the page builds: Chromium's first costs 15–40 ms of ICU start-up.
  const counting = `<script>window.intlFormatters=0;Intl.DateTimeFormat=new Proxy(Intl.DateTimeFormat,{construct(t,a){window.intlFormatters++;return new t(...a)}});</script>`;
  await page.setContent(hostPage(worker.base, token, locale).replace('<head>', `<head>${counting}`));
  await page.locator('#panel [role=tab]').first().waitFor();
  return page;
}

const tab = (page: Page, name: string) => page.locator('#panel [role=tab]', { hasText: name }).click();

beforeAll(async () => {
  worker = await startLocalWorker(PORT);
  seed = await seedCoachingStore(worker, { timezone: zoneAheadOrBehindUtc(), days: 3 });
  browser = await launchChromium();
  utc = await browser.newContext({ timezoneId: 'UTC' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe('coaching in the widget, in Chromium against the real Worker', () => {
  it("opens an agent's Today on the store's yesterday in a UTC browser: praise first, then each finding quoted, named and with a better way", async () => {
    const page = await open(seed.tokens.agent, 'zh-CN', 360);
    const browserYesterday = await page.evaluate(() => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
    expect(browserYesterday).not.toBe(seed.yesterday); // the browser's clock alone would open on the wrong day
    const card = page.locator('#panel article.card');
    await card.waitFor();
    expect(await card.locator('h3').textContent()).toBe(`昨天（${formatDay(seed.yesterday, 'zh-CN')}）的辅导卡`);
    // Praise comes before the improvements, and the close after them.
    const order = await card.evaluate((el) => [...el.querySelectorAll('.praise, .improvements, .close')].map((n) => n.className));
    expect(order).toEqual(['praise', 'improvements', 'close']);
    const rude = card.locator('li.improvement', { hasText: '服务用语' });
    expect(await rude.locator('blockquote').textContent()).toContain('不知道，你自己看');
    expect(await rude.textContent()).toMatch(/评分项.*服务用语/);
    expect(await rude.locator('.better').textContent()).toMatch(/^更好的做法: .{4,}/);
    // The same item failed the day before: the card says so.
    expect(await rude.locator('.repeat').count()).toBe(1);
    // One item failed in both of her chats is one point: named once, both conversations quoted, one better way.
    const closing = card.locator('li.improvement', { hasText: '结束语' });
    expect(await closing.count()).toBe(1);
    expect(await closing.locator('h5').textContent()).toBe('评分项: 结束语 · 2 个会话');
    expect(await closing.locator('.occurrence').count()).toBe(2);
    expect(await closing.locator('.better').count()).toBe(1);
    expect(await closing.locator('button', { hasText: '对此项申诉' }).count()).toBe(2);
    // The two buttons are told apart by their quotes (a screen reader reads the description with each).
    const described = await closing.locator('button', { hasText: '对此项申诉' }).evaluateAll((buttons) =>
      buttons.map((b) => (b.getRootNode() as ShadowRoot).getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent),
    );
    expect(described).toEqual(['不知道，你自己看', '亲，您好，有的，L码有货，今天下单今天发。']);
    const text = await widgetText(page);
    expect(text).not.toContain('阿杰'); // a card never names another agent
    expect(text).not.toMatch(/polite_language|keyword:|顾客不满风险/); // no codes, no risk for an agent
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'agent-today-zh-CN-360');
    await page.close();
  });

  it('the agent disputes an item and acknowledges the card; the lead rejects it with a reply; the agent sees the outcome', async () => {
    const agent = await open(seed.tokens.agent, 'zh-CN');
    const rude = agent.locator('#panel li.improvement', { hasText: '服务用语' });
    await rude.locator('button', { hasText: '对此项申诉' }).click();
    await expect.poll(async () => (await focused(agent))?.tag).toBe('textarea'); // the form takes the focus
    await rude.locator('button[type=submit]').click();
    await expect.poll(() => focused(agent)).toMatchObject({ tag: 'textarea', invalid: 'true' });
    await agent.keyboard.type('顾客问的是库存，我回答了');
    await rude.locator('button[type=submit]').click();
    await rude.locator('.outcome').waitFor();
    await expect.poll(async () => (await focused(agent))?.text).toMatch(/^申诉/); // focus lands on the dispute's status
    expect(await rude.locator('button', { hasText: '对此项申诉' }).count()).toBe(0); // one dispute per item
    await agent.locator('#panel button', { hasText: '确认已读' }).click();
    await agent.locator('#panel .acked').waitFor();
    await expect.poll(async () => (await focused(agent))?.text).toMatch(/^✓ 已于 .+ 确认$/);
    // When, on the store's clock (the browser's says UTC), with no Intl formatter built for it.
    const acked = (await worker.api('GET', '/v1/cards/latest', seed.tokens.agent)).card;
    const when = formatWallClock(localDateTime(Date.parse(acked.acknowledgedAt), seed.store.timezone), 'zh-CN');
    expect(await agent.locator('#panel .acked').textContent()).toBe(`✓ 已于 ${when} 确认`);
    expect(await agent.evaluate(() => (window as unknown as { intlFormatters: number }).intlFormatters)).toBe(0);

    const lead = await open(seed.tokens.lead, 'en');
    await tab(lead, 'Disputes');
    const row = lead.locator('#panel ul.rows li', { hasText: 'Polite language' });
    await row.waitFor();
    expect(await row.textContent()).toContain('顾客问的是库存，我回答了');
    expect(await row.textContent()).toContain('Reviewer’s note: 未达标'); // what the agent's reason answers
    await row.locator('button', { hasText: 'Reject' }).click();
    await expect.poll(() => focused(lead)).toMatchObject({ tag: 'textarea', invalid: 'true' }); // a rejection needs a reply
    await lead.keyboard.type('The customer asked twice; answer the stock question first.');
    // The lead reads the conversation before deciding; Back returns to the same button, the reply kept.
    await row.locator('button', { hasText: 'Read the conversation' }).click();
    const transcript = lead.locator('#panel section[aria-labelledby=conv-title]');
    await transcript.locator('ol.transcript').waitFor();
    expect(await transcript.textContent()).toContain('不知道，你自己看');
    await expect.poll(async () => (await focused(lead))?.text).toBe('Conversation');
    await transcript.locator('button', { hasText: 'Back' }).click();
    await expect.poll(async () => (await focused(lead))?.text).toBe('Read the conversation');
    expect(await row.locator('textarea').inputValue()).toBe('The customer asked twice; answer the stock question first.');
    await row.locator('button', { hasText: 'Reject' }).click();
    await lead.locator('#panel p[role=status]', { hasText: 'Dispute: Rejected.' }).waitFor();
    await expect.poll(async () => (await focused(lead))?.text).toBe('Dispute: Rejected.');
    await screenshot(lead, 'lead-disputes-en');
    // Among the rejected, the outcome quotes the reply once (the sentence holds it already).
    await lead.locator('#panel select').first().selectOption('rejected');
    const rejected = lead.locator('#panel ul.rows li', { hasText: 'Polite language' });
    await rejected.waitFor();
    expect(((await rejected.textContent()) ?? '').split('The customer asked twice').length - 1).toBe(1);

    await agent.close();
    const again = await open(seed.tokens.agent, 'zh-CN');
    const outcome = again.locator('#panel li.improvement', { hasText: '服务用语' }).locator('.outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toMatch(/申诉未采纳/);
    expect(await outcome.textContent()).toContain('The customer asked twice');
    await screenshot(again, 'agent-today-after-dispute-zh-CN');
    await again.close();
    await lead.close();
  });

  it('My trend draws the last 30 days against the team, with a summary and a table of every figure', async () => {
    const page = await open(seed.tokens.agent, 'en', 360);
    await tab(page, 'My trend');
    const chart = page.locator('#panel svg.chart');
    await chart.waitFor();
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.locator('title').textContent()).toBe('Your daily average agent score against your team’s');
    expect(await chart.locator('desc').textContent()).toMatch(/^Your average agent score: \d+(\.\d)? over \d+ reviews\. Team average: \d+/);
    expect(await chart.locator('polyline.own').count()).toBeGreaterThan(0);
    expect(await chart.locator('polyline.team').count()).toBeGreaterThan(0);
    expect(await chart.locator('circle.own').count()).toBe(seed.dates.length);
    const rows = page.locator('#panel details table tbody tr');
    expect(await rows.count()).toBe(30);
    expect(await rows.last().locator('th').textContent()).toBe(formatDay(seed.yesterday, 'en'));
    await screenshot(page, 'agent-trend-en-360');
    await page.close();
  });

  it("the lead's team view opens on the store's yesterday and says each agent's sample, flags and card in words", async () => {
    const page = await open(seed.tokens.lead, 'zh-CN');
    expect(await page.locator('#panel input[type=date]').inputValue()).toBe(seed.yesterday);
    const xiaomei = page.locator('#panel li.agent', { hasText: '小美' });
    await xiaomei.waitFor();
    expect(await xiaomei.textContent()).toMatch(/已抽检 \/ 抽检量\d+\/\d+/);
    expect(await xiaomei.textContent()).toMatch(/辅导卡(已确认|未确认)/);
    // Short of the quota only for want of chats, and said so: not a bare "below quota".
    const team = await worker.api('GET', `/v1/coaching/team?date=${seed.yesterday}`, seed.tokens.lead);
    const short = team.agents.find((a: { shortfall: number }) => a.shortfall > 0);
    expect(short).toBeDefined();
    expect(await page.locator('#panel li.agent', { hasText: short.name }).textContent()).toContain(`${short.sampled}/${short.quota} · 低于抽检量：当天仅 ${short.sampled} 个会话，已全部抽检`);
    // The 14 days' direction sits with their line, not beside the day's average (which may be still to come).
    const fact = (label: string) => xiaomei.locator('dl.facts > div', { has: page.locator('dt', { hasText: label }) }).locator('dd');
    expect(await fact('平均客服得分').textContent()).not.toMatch(/上升|下降|持平/);
    expect(await fact('近 14 天').textContent()).toMatch(/上升|下降|持平/);
    await screenshot(page, 'lead-team-zh-CN');
    await page.close();
  });

  it("a manager's AutoQA agreement covers the store's last 30 days in a UTC browser", async () => {
    const page = await open(seed.tokens.manager, 'en');
    await tab(page, 'AutoQA agreement');
    const dates = page.locator('#panel p.range input[type=date]');
    await dates.first().waitFor();
    const today = addDays(seed.yesterday, 1);
    expect(await dates.nth(1).inputValue()).toBe(today);
    expect(await dates.first().inputValue()).toBe(addDays(today, -29));
    expect(await dates.nth(1).getAttribute('max')).toBe(today);
    // Every review of the seed kept AutoQA's outcomes.
    const greeting = page.locator('#panel table.list tbody tr', { hasText: 'Greeting' });
    await greeting.waitFor();
    expect(await greeting.locator('td').nth(2).textContent()).toBe('100%');
    await page.close();
  });

  it('a manager sets the unstable threshold and rewords a suggestion; an out-of-range value takes the focus with the reason', async () => {
    const page = await open(seed.tokens.manager, 'en');
    await tab(page, 'Settings');
    const threshold = page.getByRole('spinbutton', { name: /^Unstable when the average agent score is below/ });
    await threshold.fill('150');
    await page.locator('#panel button', { hasText: 'Save' }).click();
    await expect.poll(async () => (await focused(page))?.invalid).toBe('true');
    expect(await page.locator('#panel .field-error').textContent()).toBe('Enter a whole number from 0 to 100');
    await threshold.fill('85');
    const greeting = page.locator('#panel fieldset', { has: page.locator('legend', { hasText: /^Greeting/ }) });
    // A suggestion emptied in one language is marked there, in words, with the focus; nothing is saved.
    await greeting.locator('textarea[lang=en]').fill('   ');
    await page.locator('#panel button', { hasText: 'Save' }).click();
    await expect.poll(async () => (await focused(page))?.invalid).toBe('true');
    expect(await greeting.locator('.field-error').textContent()).toBe('Write the suggestion in this language too (or restore the default)');
    expect(await page.locator('#panel .error').count()).toBe(0); // no raw server message under the form
    await greeting.locator('textarea[lang=en]').fill('Greet first: “Hello, thanks for waiting!”');
    await page.locator('#panel button', { hasText: 'Save' }).click();
    await page.locator('#panel [role=status]', { hasText: 'Saved' }).waitFor();
    // The save button, disabled while saving, has the focus back: the reader is not left on the page's body.
    await expect.poll(async () => (await focused(page))?.text).toBe('Save');
    // A new mistake does not sit beside the last save's "Saved".
    await threshold.fill('150');
    await page.locator('#panel button', { hasText: 'Save' }).click();
    await expect.poll(async () => (await focused(page))?.invalid).toBe('true');
    expect(await page.locator('#panel .actions [role=status]').textContent()).toBe('');
    await threshold.fill('85');
    const saved = await worker.api('GET', '/v1/coaching/settings', seed.apiKey);
    expect(saved.unstableThreshold).toBe(85);
    expect(saved.suggestions.find((s: { itemId: string }) => s.itemId === 'greeting')).toMatchObject({
      source: 'store',
      suggestion: { en: 'Greet first: “Hello, thanks for waiting!”' },
    });
    await screenshot(page, 'manager-settings-en');
    await page.close();
  });
});
