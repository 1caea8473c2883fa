import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { registerConnection } from '../db/directory';
import { connections } from '../db/schema';
import type { Env } from '../env';
import { deliveryStats } from './deliveries';
import { CONNECTION_AUTHS, PLATFORMS } from '../domain/enums';
import { AppError, notFound } from '../domain/errors';
import { forgetConnection } from '../ingest/receive';
import { DEFAULT_OVERLAP_MINUTES, hashUrlToken, newUrlToken, URL_TOKEN_PLATFORMS } from '../ingest/url-token';
import { newId, randomSecret } from '../lib/ids';

/** Platforms whose deliveries are signed with a secret the platform makes (LiveChat takes one of the store's choosing). */
const PLATFORM_MADE_SECRET: readonly string[] = ['chatwoot', 'zendesk', 'intercom', 'crisp'];

function isStandardWebhooksSecret(secret: string) {
  const key = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret)?.[1];
  if (!key || key.length % 4 !== 0) return false;
  const length = (key.length / 4) * 3 - (key.endsWith('==') ? 2 : key.endsWith('=') ? 1 : 0);
  return length >= 24 && length <= 64;
}

export const createConnectionInput = z
  .object({
    platform: z.enum(PLATFORMS),
    name: z.string().trim().min(1).max(200),
    /**
     * The platform's own signing secret (Intercom client secret, Chatwoot webhook secret…): required where
     * the platform makes it and the connection is signed; generated when absent for `generic` (a
     * Standard Webhooks `whsec_…`), for LiveChat (a key to give LiveChat) and for URL-token connections.
     */
    secret: z.string().min(8).max(500).optional(),
    /**
     * `signature` (default): the platform signs every delivery. `url_token`: a long random token in the
     * webhook URL instead — weaker, only for platforms or versions that do not sign (Crisp website
     * hooks, Chatwoot before 4.11.2).
     */
    auth: z.enum(CONNECTION_AUTHS).default('signature'),
  })
  .refine((i) => i.auth !== 'url_token' || URL_TOKEN_PLATFORMS.includes(i.platform), {
    message: `auth 'url_token' is offered only where the platform may not sign: ${URL_TOKEN_PLATFORMS.join(', ')}`,
    path: ['auth'],
  })
  // A secret ShopQA made up could never match what these platforms sign with: theirs must be given.
  .refine((i) => i.auth !== 'signature' || i.secret !== undefined || !PLATFORM_MADE_SECRET.includes(i.platform), {
    message: 'secret is required: the platform signs with a secret of its own (docs/platforms.md says where to find it)',
    path: ['secret'],
  })
  .refine((i) => i.platform !== 'generic' || i.secret === undefined || isStandardWebhooksSecret(i.secret), {
    message: "a generic connection's secret is a Standard Webhooks secret, whsec_ + base64 of 24–64 random bytes; leave it out and ShopQA makes one",
    path: ['secret'],
  });
export type CreateConnectionInput = z.infer<typeof createConnectionInput>;

export const rotateUrlTokenInput = z.object({
  /** How long the replaced token keeps working, so the platform's setting can be updated (0–7 days). */
  overlapMinutes: z.number().int().min(0).max(7 * 24 * 60).default(DEFAULT_OVERLAP_MINUTES),
});

type ConnectionRow = typeof connections.$inferSelect;

const webhookPath = (base: string, row: Pick<ConnectionRow, 'platform' | 'id'>) => `${base}/webhooks/${row.platform}/${row.id}`;

/** A connection as the API shows it; `base` is the public origin webhooks are sent to (a URL token is shown only when made). */
export function connectionView(base: string, row: ConnectionRow) {
  return { id: row.id, platform: row.platform, name: row.name, auth: row.auth, webhookUrl: webhookPath(base, row), createdAt: new Date(row.createdAt).toISOString() };
}

/** Standard Webhooks secrets are `whsec_` + base64; other platforms take an opaque random value. */
function generatedSecret(platform: CreateConnectionInput['platform']) {
  return platform === 'generic' ? `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}` : randomSecret('whs');
}

/**
 * Creates a connection; the secret is returned here, on creation, and never by the read calls. The
 * directory learns whose it is first (webhooks name only the connection): until the row exists, a
 * webhook to it is still a 404.
 */
export async function createConnection(env: Env, db: Db, storeId: string, input: CreateConnectionInput, base: string) {
  const urlToken = input.auth === 'url_token' ? newUrlToken() : undefined;
  const row = {
    id: newId('cn'),
    storeId,
    platform: input.platform,
    name: input.name,
    secret: input.secret ?? generatedSecret(input.platform),
    auth: input.auth,
    urlTokenHash: urlToken ? await hashUrlToken(urlToken) : null,
  };
  await registerConnection(env, row.id, storeId);
  await db.insert(connections).values(row);
  const saved = (await db.select().from(connections).where(eq(connections.id, row.id)).get())!;
  const view = connectionView(base, saved);
  // The token is part of the URL the platform posts to; it is stored hashed and shown only now.
  return urlToken ? { ...view, webhookUrl: `${view.webhookUrl}/${urlToken}`, secret: saved.secret, urlToken } : { ...view, secret: saved.secret };
}

/**
 * A new URL token; the one it replaces keeps working for `overlapMinutes`, so the platform's webhook
 * setting can be changed without losing deliveries. The new URL is shown only here.
 */
export async function rotateUrlToken(db: Db, storeId: string, id: string, input: z.infer<typeof rotateUrlTokenInput>, base: string, now: number) {
  const row = await db.select().from(connections).where(and(eq(connections.id, id), eq(connections.storeId, storeId))).get();
  if (!row) throw notFound('Connection');
  if (row.auth !== 'url_token') throw new AppError('invalid_request', 'This connection is verified by the platform’s signature; it has no URL token', 'auth');
  const urlToken = newUrlToken();
  const previousUntil = input.overlapMinutes > 0 ? now + input.overlapMinutes * 60_000 : null;
  await db
    .update(connections)
    .set({ urlTokenHash: await hashUrlToken(urlToken), previousUrlTokenHash: previousUntil ? row.urlTokenHash : null, previousUrlTokenUntil: previousUntil })
    .where(eq(connections.id, row.id));
  forgetConnection(row.id);
  return {
    id: row.id,
    webhookUrl: `${webhookPath(base, row)}/${urlToken}`,
    urlToken,
    previousTokenValidUntil: previousUntil ? new Date(previousUntil).toISOString() : null,
  };
}

export async function listConnections(db: Db, storeId: string, base: string) {
  const rows = await db.select().from(connections).where(eq(connections.storeId, storeId)).orderBy(desc(connections.createdAt));
  return rows.map((r) => connectionView(base, r));
}

export async function getConnection(db: Db, storeId: string, id: string, base: string) {
  const row = await db.select().from(connections).where(and(eq(connections.id, id), eq(connections.storeId, storeId))).get();
  if (!row) throw notFound('Connection');
  return { ...connectionView(base, row), stats: await deliveryStats(db, storeId, row.id) };
}
