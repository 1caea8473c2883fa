import { and, asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { signWidgetToken, WIDGET_ROLES } from '../../auth/widget-token';
import { agents, reviewers } from '../../db/schema';
import { newId } from '../../lib/ids';
import { DEMO_STORE_ID, ensureDemoStore } from '../../services/demo';
import { databaseOfStore } from '../../db/directory';
import { getStore } from '../../services/stores';
import { operatorAuth } from '../auth';
import type { AppEnv } from '../context';
import { AppError } from '../../domain/errors';
import { parseWith } from '../validate';

const demoEnabled = (env: AppEnv['Bindings']) => env.DEMO_MODE === '1';

/** POST /v1/operator/demo: the demo store for `npm start` (only where DEMO_MODE=1). */
export const demoOperatorRoutes = new Hono<AppEnv>().use(operatorAuth).post('/', async (c) => {
  if (!demoEnabled(c.env) || !c.env.DEMO_API_KEY) throw new AppError('not_found', 'Demo mode is off on this deployment');
  const demo = await ensureDemoStore(c.env, c.env.DEMO_API_KEY);
  return c.json({ ...demo, apiKey: c.env.DEMO_API_KEY }, 201);
});

const pageQuery = z.object({ as: z.enum(WIDGET_ROLES).default('manager'), lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

/** GET /demo: a mock seller admin console with the widget embedded, signed in as the chosen role. */
export const demoPageRoutes = new Hono<AppEnv>().get('/', async (c) => {
  if (!demoEnabled(c.env)) throw new AppError('not_found', 'Demo mode is off on this deployment');
  const { as: role, lang } = parseWith(pageQuery, c.req.query());
  const db = (await databaseOfStore(c.env, DEMO_STORE_ID))?.db;
  const store = db ? await getStore(db, DEMO_STORE_ID) : undefined;
  if (!db || !store) throw new AppError('not_found', 'The demo store does not exist yet: run npm start');
  const firstAgent = await db.select().from(agents).where(and(eq(agents.storeId, DEMO_STORE_ID))).orderBy(asc(agents.name)).get();
  // A QA reviewer's token names the reviewer: the demo signs in as the first one.
  const reviewer = await db.select().from(reviewers).where(eq(reviewers.storeId, DEMO_STORE_ID)).orderBy(asc(reviewers.name)).get();
  const iat = Math.floor(c.get('now')() / 1000);
  const token = await signWidgetToken(
    { store: DEMO_STORE_ID, sub: role === 'qa' ? (reviewer?.id ?? 'demo-qa') : `demo-${role}`, role, agent: role === 'agent' ? firstAgent?.id : undefined, team: role === 'lead' ? (firstAgent?.team ?? 'pre_sales') : undefined, iat, exp: iat + 3600, jti: newId('jti') },
    store.embedSecret,
  );
  const roles = WIDGET_ROLES.map((r) => html`<a href="?as=${r}&lang=${lang}" aria-current=${r === role ? 'page' : 'false'}>${r}</a>`);
  return c.html(html`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>商家后台 · ShopQA demo</title>
<link rel="stylesheet" href="/demo.css"></head>
<body>
<header class="console-top"><strong>示例旗舰店</strong> 商家后台 <nav class="roles" aria-label="Demo role">${roles}
  <a href="?as=${role}&lang=${lang === 'en' ? 'zh-CN' : 'en'}">${lang === 'en' ? '中文' : 'English'}</a></nav></header>
<div class="console">
  <aside class="console-nav" aria-label="Console menu"><ul><li>订单管理</li><li>商品管理</li><li>客服工作台</li><li aria-current="page">客服质检 ShopQA</li><li>数据中心</li></ul></aside>
  <main><div id="shopqa" data-api-base="" data-token="${token}" data-locale="${lang}"></div></main>
</div>
<script src="/widget.js"></script>
<script>ShopQA.mount(document.getElementById('shopqa'), { apiBase: location.origin, token: document.getElementById('shopqa').dataset.token, locale: '${lang}' });</script>
</body></html>`);
});
