import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { stores } from '../../db/schema';
import { keywordOverridesSchema } from '../../qa/keywords';
import { samplingPolicySchema } from '../../sampling/types';
import { getStore } from '../../services/stores';
import { storeSettingsSchema } from '../../services/settings';
import { storeAuth } from '../auth';
import type { AppEnv } from '../context';
import { notFound } from '../../domain/errors';
import { jsonBody } from '../validate';

const patchSchema = storeSettingsSchema.partial().extend({ keywords: keywordOverridesSchema.optional(), sampling: samplingPolicySchema.partial().optional() });

async function current(db: AppEnv['Variables']['db'], storeId: string) {
  const store = await getStore(db, storeId);
  if (!store) throw notFound('Store');
  return (store.settings ?? {}) as Record<string, unknown>;
}

const view = (raw: Record<string, unknown>) => ({
  ...storeSettingsSchema.parse({ ...raw, keywords: undefined, sampling: undefined }),
  keywords: raw.keywords ?? {},
  sampling: samplingPolicySchema.parse(raw.sampling ?? {}),
});

/** The store's settings: masking, idle timeout, retention, link allow-list, its keyword lists and sampling policy. */
export const settingsRoutes = new Hono<AppEnv>()
  .get('/', storeAuth(['manager']), async (c) => c.json(view(await current(c.get('db'), c.get('storeId')))))
  .patch('/', storeAuth(), async (c) => {
    const patch = await jsonBody(c, patchSchema);
    const next = { ...(await current(c.get('db'), c.get('storeId'))), ...patch };
    await c.get('db').update(stores).set({ settings: next }).where(eq(stores.id, c.get('storeId')));
    return c.json(view(next));
  });
