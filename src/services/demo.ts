import { eq } from 'drizzle-orm';
import { databaseOfStore, directoryDb, registerConnection } from '../db/directory';
import { apiKeys, connections } from '../db/schema';
import type { Env } from '../env';
import { sha256Hex } from '../lib/ids';
import { apiKeyRow, createStore } from './stores';

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
