import { createRoute, OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { WIDGET_ROLES, type WidgetRole } from '../domain/enums';
import { zodToAppError } from '../domain/errors';
import { operatorAuth, storeAuth } from './auth';
import type { AppEnv } from './context';
import { ErrorSchema } from './schemas/common';

/**
 * Who may call an operation. `store` = the store's API key, plus widget tokens of the listed roles.
 * The access tests are generated from this (it is published as `x-access` on each operation).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'operator' }
  | { kind: 'signature' }
  | { kind: 'store'; roles: readonly WidgetRole[] };

export const PUBLIC: Access = { kind: 'public' };
export const OPERATOR: Access = { kind: 'operator' };
export const SIGNED: Access = { kind: 'signature' };
/** The store's API key only (the store backend), no widget token. */
export const API_KEY: Access = { kind: 'store', roles: [] };
/** The API key, or a widget token of one of these roles. */
export const storeOr = (...roles: WidgetRole[]): Access => ({ kind: 'store', roles });

const SECURITY: Record<Access['kind'], RouteConfig['security']> = {
  public: [],
  operator: [{ operator: [] }],
  signature: [{ signature: [] }],
  store: [{ apiKey: [] }],
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

/** The error responses an operation can give, from what it reads and who may call it. */
function errorResponses(config: RouteConfig, access: Access) {
  const out: RouteConfig['responses'] = {};
  const validates = Boolean(config.request?.body || config.request?.query || config.request?.params);
  if (validates) out[400] = errorResponse('Invalid request: the `field` names the value at fault');
  if (access.kind !== 'public') out[401] = errorResponse('Missing, invalid or expired credentials');
  // Every widget role the operation leaves out is refused with 403 (an API-key-only operation: all of them).
  if (access.kind === 'store' && access.roles.length < WIDGET_ROLES.length) {
    out[403] = errorResponse(access.roles.length ? "The widget token's role may not make this call" : 'Only the store API key may make this call, not a widget token');
  }
  if (access.kind === 'store' || config.request?.params) out[404] = errorResponse("Not found (another store's ids are not found either)");
  if (config.request?.body) {
    out[413] = errorResponse('The body is too large');
    // Webhooks take the platform's bytes whatever content type it declares: only the signature decides.
    if (access.kind !== 'signature') out[415] = errorResponse('The body must be JSON');
  }
  out[500] = errorResponse('Internal error; the request id is in the x-request-id header');
  return out;
}

function authMiddleware(access: Access): MiddlewareHandler<AppEnv>[] {
  if (access.kind === 'operator') return [operatorAuth];
  if (access.kind === 'store') return [storeAuth(access.roles)];
  return [];
}

/**
 * An operation: its request and response schemas, who may call it, and the auth middleware that
 * follows from that. Every route of the API is declared through here, so `/openapi.json` is complete.
 */
export function defineRoute<R extends Omit<RouteConfig, 'middleware' | 'security'>>(config: R & { access: Access }) {
  const { access, ...route } = config;
  return createRoute({
    ...route,
    security: SECURITY[access.kind],
    middleware: authMiddleware(access),
    responses: { ...errorResponses(route as RouteConfig, access), ...route.responses },
    'x-access': access.kind === 'store' ? { kind: 'store', roles: [...access.roles] } : { kind: access.kind },
  } as unknown as R & { middleware: MiddlewareHandler<AppEnv>[] });
}

/** A router whose validation failures are the API's 400 envelope naming the field. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw zodToAppError(result.error);
    },
  });
}

/** A JSON response of this schema. */
export const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { 'application/json': { schema } } });
/** A required JSON body of this schema. */
export const jsonBodyOf = <S extends z.ZodType>(schema: S) => ({ required: true, content: { 'application/json': { schema } } });
export const idParam = z.object({ id: z.string().min(1).max(200) });
