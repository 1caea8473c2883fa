import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { MAX_TOKEN_TTL_SECONDS, signWidgetToken } from '../auth/widget-token';
import type { Db } from '../db/client';
import { agents, reviewers } from '../db/schema';
import { WIDGET_ROLES } from '../domain/enums';
import { AppError, notFound } from '../domain/errors';
import { newId } from '../lib/ids';
import { getStore } from './stores';

export const mintInput = z
  .object({
    sub: z.string().trim().min(1).max(200),
    role: z.enum(WIDGET_ROLES),
    agentId: z.string().min(1).max(100).optional(),
    team: z.string().trim().min(1).max(100).optional(),
    ttlSeconds: z.number().int().min(60).max(MAX_TOKEN_TTL_SECONDS).default(900),
  })
  .refine((v) => v.role !== 'agent' || v.agentId, { message: 'an agent token needs agentId', path: ['agentId'] })
  .refine((v) => v.role !== 'lead' || v.team, { message: 'a lead token needs team', path: ['team'] })
  // A claim the role does not read would sit in the token looking like a scope it is not.
  .refine((v) => v.role === 'agent' || v.agentId === undefined, { message: 'agentId is only for an agent token', path: ['agentId'] })
  .refine((v) => v.role === 'lead' || v.team === undefined, { message: 'team is only for a lead token (an agent token takes the team from the roster)', path: ['team'] });
export type MintInput = z.infer<typeof mintInput>;

/** Signs a widget token for the store with its embed secret, after checking the agent, reviewer or team it names is the store's. */
export async function mintWidgetToken(db: Db, storeId: string, input: MintInput, now: number) {
  if (input.agentId) {
    const agent = await db.select({ id: agents.id }).from(agents).where(and(eq(agents.id, input.agentId), eq(agents.storeId, storeId))).get();
    if (!agent) throw new AppError('not_found', 'Agent not found', 'agentId');
  }
  // A QA token's sub is the reviewer whose queue it opens; a lead token's team must be one of the roster's.
  if (input.role === 'qa') {
    const reviewer = await db.select({ id: reviewers.id }).from(reviewers).where(and(eq(reviewers.id, input.sub), eq(reviewers.storeId, storeId), eq(reviewers.active, true))).get();
    if (!reviewer) throw new AppError('not_found', 'A QA token needs sub = the id of an active reviewer of this store', 'sub');
  }
  if (input.role === 'lead') {
    const member = await db.select({ id: agents.id }).from(agents).where(and(eq(agents.storeId, storeId), eq(agents.team, input.team!))).get();
    if (!member) throw new AppError('not_found', `No agent of this store is in team ${input.team}`, 'team');
  }
  const store = await getStore(db, storeId);
  if (!store) throw notFound('Store');
  const iat = Math.floor(now / 1000);
  const exp = iat + input.ttlSeconds;
  const token = await signWidgetToken({ store: storeId, sub: input.sub, role: input.role, agent: input.agentId, team: input.team, iat, exp, jti: newId('jti') }, store.embedSecret);
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}
