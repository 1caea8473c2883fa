import { z } from '@hono/zod-openapi';
import { html } from 'hono/html';
import { UI_LOCALES, WIDGET_ROLES, type WidgetRole } from '../../domain/enums';
import { databaseOfStore } from '../../db/directory';
import { AppError } from '../../domain/errors';
import { DEMO_STORE_ID, demoToken, ensureDemoStore } from '../../services/demo';
import type { AppEnv } from '../context';
import { defineRoute, json, OPERATOR, PUBLIC, router } from '../route';

const demoEnabled = (env: AppEnv['Bindings']) => env.DEMO_MODE === '1';

const createDemo = defineRoute({
  method: 'post', path: '/', tags: ['operator'], summary: 'The demo store (only where DEMO_MODE=1)', access: OPERATOR,
  responses: { 201: json(z.object({ storeId: z.string(), connectionId: z.string(), secret: z.string(), apiKey: z.string() }), 'The demo store, its generic connection and API key') },
});

/** POST /v1/operator/demo: the demo store for `npm start` (only where DEMO_MODE=1). */
export const demoOperatorRoutes = router().openapi(createDemo, async (c) => {
  if (!demoEnabled(c.env) || !c.env.DEMO_API_KEY) throw new AppError('not_found', 'Demo mode is off on this deployment');
  const demo = await ensureDemoStore(c.env, c.env.DEMO_API_KEY);
  return c.json({ ...demo, apiKey: c.env.DEMO_API_KEY }, 201);
});

const signedInAs = z.object({ as: z.enum(WIDGET_ROLES).default('manager'), store: z.string().min(1).max(100).default(DEMO_STORE_ID) });
const page = defineRoute({
  method: 'get', path: '/', tags: ['meta'], summary: 'The demo seller console with the widget, signed in as the chosen role (only where DEMO_MODE=1)', access: PUBLIC,
  request: { query: signedInAs.extend({ lang: z.enum(UI_LOCALES).default('zh-CN') }) },
  responses: { 200: { description: 'An HTML page', content: { 'text/html': { schema: z.string() } } } },
});
const freshToken = defineRoute({
  method: 'get', path: '/token', tags: ['meta'], summary: "A fresh widget token for the demo console's onTokenExpired (only where DEMO_MODE=1)", access: PUBLIC,
  request: { query: signedInAs },
  responses: { 200: json(z.object({ token: z.string() }), 'A widget token for the same role and store, valid for an hour') },
});

/** A widget token for the demo console; the page names its store, whose database comes from the directory. */
async function tokenFor(env: AppEnv['Bindings'], store: string, role: WidgetRole, now: number) {
  const database = await databaseOfStore(env, store);
  if (!database) throw new AppError('not_found', store === DEMO_STORE_ID ? 'The demo store does not exist yet: run npm start' : 'Store not found', 'store');
  return demoToken(database.db, store, role, now);
}

/** GET /demo: a mock seller admin console with the widget embedded. */
export const demoPageRoutes = router().openapi(page, async (c) => {
  if (!demoEnabled(c.env)) throw new AppError('not_found', 'Demo mode is off on this deployment');
  const { as: role, lang, store } = c.req.valid('query');
  const token = await tokenFor(c.env, store, role, c.get('now')());
  // What a seller's backend does for its console: a fresh token when the widget's has expired, so a demo
  // left open past the token's hour keeps working.
  const refresh = `/demo/token?${new URLSearchParams({ as: role, store })}`;
  const roles = WIDGET_ROLES.map((r) => html`<a href="?as=${r}&lang=${lang}&store=${store}" aria-current=${r === role ? 'page' : 'false'}>${r}</a>`);
  return c.html(html`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>商家后台 · ShopQA demo</title>
<link rel="stylesheet" href="/demo.css"><link rel="icon" href="data:,"></head>
<body>
<header class="console-top"><strong>示例旗舰店</strong> 商家后台 <nav class="roles" aria-label="Demo role">${roles}
  <a href="?as=${role}&lang=${lang === 'en' ? 'zh-CN' : 'en'}&store=${store}">${lang === 'en' ? '中文' : 'English'}</a></nav></header>
<div class="console">
  <aside class="console-nav" aria-label="Console menu"><ul><li>订单管理</li><li>商品管理</li><li>客服工作台</li><li aria-current="page">客服质检 ShopQA</li><li>数据中心</li></ul></aside>
  <main><div id="shopqa" data-api-base="" data-token="${token}" data-refresh="${refresh}" data-locale="${lang}"></div></main>
</div>
<script src="/widget.js"></script>
<script>const el = document.getElementById('shopqa');
ShopQA.mount(el, { apiBase: location.origin, token: el.dataset.token, locale: '${lang}', onTokenExpired: async () => {
  const res = await fetch(el.dataset.refresh, { cache: 'no-store' });
  return res.ok ? (await res.json()).token : null;
} });</script>
</body></html>`);
}).openapi(freshToken, async (c) => {
  if (!demoEnabled(c.env)) throw new AppError('not_found', 'Demo mode is off on this deployment');
  const { as: role, store } = c.req.valid('query');
  c.header('cache-control', 'no-store');
  return c.json({ token: await tokenFor(c.env, store, role, c.get('now')()) }, 200);
});
