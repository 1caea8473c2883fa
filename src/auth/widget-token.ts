import { decode, sign, verify } from 'hono/jwt';
import { z } from 'zod';

import { WIDGET_ROLES, type WidgetRole } from '../domain/enums';

export { WIDGET_ROLES, type WidgetRole };

/** Widget tokens live at most an hour (SPEC §6). */
export const MAX_TOKEN_TTL_SECONDS = 3600;

export const widgetClaimsSchema = z.object({
  store: z.string().min(1),
  sub: z.string().min(1),
  role: z.enum(WIDGET_ROLES),
  agent: z.string().min(1).optional(),
  team: z.string().min(1).optional(),
  exp: z.number().int(),
  iat: z.number().int(),
  jti: z.string().min(1),
});
export type WidgetClaims = z.infer<typeof widgetClaimsSchema>;

export async function signWidgetToken(claims: WidgetClaims, embedSecret: string): Promise<string> {
  return sign(claims, embedSecret, 'HS256');
}

/** The store a token claims to be for, read before verification so we know which secret to check with. */
export function claimedStore(token: string): string | null {
  try {
    const { payload } = decode(token);
    return typeof payload.store === 'string' ? payload.store : null;
  } catch {
    return null;
  }
}

export type TokenCheck = { ok: true; claims: WidgetClaims } | { ok: false; reason: string };

export async function verifyWidgetToken(token: string, embedSecret: string, nowSeconds: number): Promise<TokenCheck> {
  let payload: unknown;
  try {
    payload = await verify(token, embedSecret, 'HS256');
  } catch {
    return { ok: false, reason: 'Widget token signature is invalid or the token has expired' };
  }
  const parsed = widgetClaimsSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: 'Widget token claims are incomplete' };
  const claims = parsed.data;
  if (claims.exp <= nowSeconds) return { ok: false, reason: 'Widget token has expired' };
  // Tokens signed by a store backend must keep to the same one-hour ceiling as minted ones.
  if (claims.exp - claims.iat > MAX_TOKEN_TTL_SECONDS) return { ok: false, reason: 'Widget token lifetime exceeds one hour' };
  if (claims.role === 'agent' && !claims.agent) return { ok: false, reason: 'An agent token needs the agent claim' };
  if (claims.role === 'lead' && !claims.team) return { ok: false, reason: 'A lead token needs the team claim' };
  return { ok: true, claims };
}
