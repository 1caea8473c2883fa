import type { CoachingScope } from '../services/coaching-scope';
import { eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { claimedStore, verifyWidgetToken, type WidgetRole } from '../auth/widget-token';
import { apiKeyByHash, databaseOfStore } from '../db/directory';
import { stores } from '../db/schema';
import { sha256Hex } from '../lib/ids';
import type { AppEnv } from './context';
import { AppError } from '../domain/errors';

function bearer(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/** Constant-time string compare, so a token cannot be guessed byte by byte from timings. */
export function safeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export const operatorAuth = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearer(c.req.header('authorization'));
  const expected = c.env.OPERATOR_TOKEN;
  if (!expected) throw new AppError('forbidden', 'Operator access is not configured on this deployment');
  if (!token || !safeEqual(token, expected)) throw new AppError('unauthorized', 'A valid operator token is required');
  await next();
});

/**
 * Store-scoped auth: an API key (`sk_…`), or — where `widgetRoles` allows — a widget token of one of
 * those roles. The key's hash is looked up in the directory (keys must work before the store's
 * database is known); a widget token names its store, whose database holds the embed secret. Sets
 * `principal`, `storeId` and the store's database `db`; everything downstream scopes by that store.
 */
export function storeAuth(widgetRoles: readonly WidgetRole[] = []) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = bearer(c.req.header('authorization'));
    if (!token) throw new AppError('unauthorized', 'Authorization: Bearer <API key or widget token> is required');
    if (token.startsWith('sk_')) {
      const key = await apiKeyByHash(c.env, await sha256Hex(token));
      const database = key ? await databaseOfStore(c.env, key.storeId) : null;
      if (!key || !database) throw new AppError('unauthorized', 'The API key is not valid');
      c.set('principal', { kind: 'api_key', storeId: key.storeId, keyId: key.id });
      c.set('storeId', key.storeId);
      c.set('db', database.db);
      c.set('storeD1', database.d1);
      return next();
    }
    const storeId = claimedStore(token);
    if (!storeId) throw new AppError('unauthorized', 'The token is neither an API key nor a widget token');
    const database = await databaseOfStore(c.env, storeId);
    const store = database ? await database.db.select({ embedSecret: stores.embedSecret, timezone: stores.timezone }).from(stores).where(eq(stores.id, storeId)).get() : undefined;
    if (!database || !store) throw new AppError('unauthorized', 'The widget token is not valid');
    const check = await verifyWidgetToken(token, store.embedSecret, Math.floor(c.get('now')() / 1000));
    if (!check.ok) throw new AppError('unauthorized', check.reason);
    if (!widgetRoles.includes(check.claims.role)) {
      throw new AppError('forbidden', `This call is not open to the ${check.claims.role} role`);
    }
    c.set('principal', { kind: 'widget', storeId, claims: check.claims });
    c.set('storeId', storeId);
    c.set('storeTimezone', store.timezone);
    c.set('db', database.db);
    c.set('storeD1', database.d1);
    await next();
  });
}

/** The agent a widget principal is limited to (agents see only their own data); null = no limit. */
export function agentScope(principal: AppEnv['Variables']['principal']): string | null {
  return principal.kind === 'widget' && principal.claims.role === 'agent' ? (principal.claims.agent ?? '') : null;
}

/** The team a lead's widget token is limited to; null = no limit. */
export function teamScope(principal: AppEnv['Variables']['principal']): string | null {
  return principal.kind === 'widget' && principal.claims.role === 'lead' ? (principal.claims.team ?? '') : null;
}

/**
 * The team a list is for: a lead's own (naming another is a 404, never silently their own), else the one
 * asked for, else none.
 */
export function teamAsked(principal: AppEnv['Variables']['principal'], asked: string | undefined): string | null {
  const own = teamScope(principal);
  if (own !== null && asked !== undefined && asked !== own) throw new AppError('not_found', 'Team not found', 'team');
  return own ?? asked ?? null;
}

/** The caller as the coaching services scope it: role, who, and the agent or team it is limited to. */
export function coachingScope(principal: AppEnv['Variables']['principal']): CoachingScope {
  if (principal.kind === 'api_key') return { role: 'api_key', sub: principal.keyId, agentId: null, team: null };
  return { role: principal.claims.role, sub: principal.claims.sub, agentId: agentScope(principal), team: teamScope(principal) };
}
