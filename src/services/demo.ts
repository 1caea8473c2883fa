import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { databaseOfStore, directoryDb, registerConnection } from '../db/directory';
import { DEMO_TEAM_NAMES } from '../demo/generator';
import { agents, apiKeys, connections, reviewers } from '../db/schema';
import type { WidgetRole } from '../domain/enums';
import { AppError } from '../domain/errors';
import type { Env } from '../env';
import { sha256Hex } from '../lib/ids';
import { apiKeyRow, createStore, getStore } from './stores';
import { mintWidgetToken } from './widget-tokens';

export const DEMO_STORE_ID = 'st_demo';
export const DEMO_CONNECTION_ID = 'cn_demo_generic';
// Fixed so every `npm start` can sign the demo day without reading anything back; demo only.
export const DEMO_WEBHOOK_SECRET = 'whsec_ZGVtby1zaWduaW5nLXNlY3JldC1kZW1vLXN0b3JlLTAx';

/** Creates the demo store, its API key and a generic connection, once; later calls change nothing. */
export async function ensureDemoStore(env: Env, apiKey: string) {
  if (!(await databaseOfStore(env, DEMO_STORE_ID))) {
    await createStore(env, { name: '示例旗舰店 Demo Store', timezone: 'Asia/Shanghai', locale: 'zh-CN' }, { id: DEMO_STORE_ID, apiKey });
  }
  const { db } = (await databaseOfStore(env, DEMO_STORE_ID))!;
  // .dev.vars may carry a different demo key than the one the store was created with.
  const hash = await sha256Hex(apiKey);
  const directory = directoryDb(env);
  if (!(await directory.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.hash, hash)).get())) {
    await directory.insert(apiKeys).values((await apiKeyRow(DEMO_STORE_ID, apiKey)).row);
  }
  const existing = await db.select().from(connections).where(eq(connections.id, DEMO_CONNECTION_ID)).get();
  if (!existing) {
    await db.insert(connections).values({ id: DEMO_CONNECTION_ID, storeId: DEMO_STORE_ID, platform: 'generic', name: 'Demo relay (JD)', secret: DEMO_WEBHOOK_SECRET });
  }
  await registerConnection(env, DEMO_CONNECTION_ID, DEMO_STORE_ID);
  return { storeId: DEMO_STORE_ID, connectionId: DEMO_CONNECTION_ID, secret: DEMO_WEBHOOK_SECRET };
}

/**
 * A widget token for the demo console (local, DEMO_MODE only), signed in to a store as `role`: the
 * first agent, the first reviewer, or the first agent's team lead.
 */
export async function demoToken(db: Db, storeId: string, role: WidgetRole, now: number) {
  if (!(await getStore(db, storeId))) throw new AppError('not_found', storeId === DEMO_STORE_ID ? 'The demo store does not exist yet: run npm start' : 'Store not found', 'store');
  const firstAgent = await db.select().from(agents).where(and(eq(agents.storeId, storeId))).orderBy(asc(agents.name)).get();
  // A QA reviewer's token names the reviewer: the demo signs in as the first one.
  const reviewer = await db.select().from(reviewers).where(eq(reviewers.storeId, storeId)).orderBy(asc(reviewers.name)).get();
  const sub = role === 'qa' ? (reviewer?.id ?? 'demo-qa') : `demo-${role}`;
  const input = { sub, role, agentId: role === 'agent' ? firstAgent?.id : undefined, team: role === 'lead' ? (firstAgent?.team ?? DEMO_TEAM_NAMES.pre_sales) : undefined, ttlSeconds: 3600 };
  return (await mintWidgetToken(db, storeId, input, now)).token;
}
