import type { CoachingScope } from '../services/coaching-scope';
import { eq, and, isNull } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { claimedStore, verifyWidgetToken, type WidgetRole } from '../auth/widget-token';
import { apiKeys, stores } from '../db/schema';
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
 * those roles. Sets `principal` and `storeId`; everything downstream scopes by that store.
 */
export function storeAuth(widgetRoles: readonly WidgetRole[] = []) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = bearer(c.req.header('authorization'));
    if (!token) throw new AppError('unauthorized', 'Authorization: Bearer <API key or widget token> is required');
    const db = c.get('db');
    if (token.startsWith('sk_')) {
      const hash = await sha256Hex(token);
      const key = await db
        .select({ id: apiKeys.id, storeId: apiKeys.storeId })
        .from(apiKeys)
        .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)))
        .get();
      if (!key) throw new AppError('unauthorized', 'The API key is not valid');
      c.set('principal', { kind: 'api_key', storeId: key.storeId, keyId: key.id });
      c.set('storeId', key.storeId);
      return next();
    }
    const storeId = claimedStore(token);
    if (!storeId) throw new AppError('unauthorized', 'The token is neither an API key nor a widget token');
    const store = await db.select({ embedSecret: stores.embedSecret }).from(stores).where(eq(stores.id, storeId)).get();
    if (!store) throw new AppError('unauthorized', 'The widget token is not valid');
    const check = await verifyWidgetToken(token, store.embedSecret, Math.floor(c.get('now')() / 1000));
    if (!check.ok) throw new AppError('unauthorized', check.reason);
    if (!widgetRoles.includes(check.claims.role)) {
      throw new AppError('forbidden', `This call is not open to the ${check.claims.role} role`);
    }
    c.set('principal', { kind: 'widget', storeId, claims: check.claims });
    c.set('storeId', storeId);
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

/** The caller as the coaching services scope it: role, who, and the agent or team it is limited to. */
export function coachingScope(principal: AppEnv['Variables']['principal']): CoachingScope {
  if (principal.kind === 'api_key') return { role: 'api_key', sub: principal.keyId, agentId: null, team: null };
  return { role: principal.claims.role, sub: principal.claims.sub, agentId: agentScope(principal), team: teamScope(principal) };
}
