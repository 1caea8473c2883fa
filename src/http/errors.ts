import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { AppError, zodToAppError, type ErrorCode } from '../domain/errors';

/** The one code → status table. Every error response is `{error: {code, message, field?}}`. */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  invalid_signature: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

export function errorBody(code: ErrorCode, message: string, field?: string) {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/** Status → the first (most general) code with it: 400 invalid_request, 401 unauthorized. */
const CODE_OF_STATUS = new Map<number, ErrorCode>();
for (const [code, status] of Object.entries(ERROR_STATUS)) if (!CODE_OF_STATUS.has(status)) CODE_OF_STATUS.set(status, code as ErrorCode);

/** Hono's own refusals (the validator's malformed JSON, the media-type gate) in the API's words. */
function fromHttpException(err: HTTPException): AppError | null {
  if (err.status === 400) return new AppError('invalid_json', 'The request body must be JSON');
  if (err.status === 415) return new AppError('unsupported_media_type', 'The request body must be JSON (content-type: application/json)');
  if (err.status === 413) return new AppError('payload_too_large', 'The request body is too large');
  if (err.status < 500) return new AppError(CODE_OF_STATUS.get(err.status) ?? 'invalid_request', err.message || 'The request was refused');
  return null;
}

/** The error as the API names it, or null for a fault of ours (a 500). */
function asAppError(err: Error): AppError | null {
  if (err instanceof AppError) return err;
  // A schema parsed outside the route's declared request (a header, a nested value) is still bad input.
  if (err instanceof z.ZodError) return zodToAppError(err);
  // Two writes racing for the same unique key: the loser is told of the conflict (drizzle wraps D1's error).
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (/UNIQUE constraint failed/.test(e.message)) return new AppError('conflict', 'The request conflicts with a change made at the same time; read and try again');
  }
  return err instanceof HTTPException ? fromHttpException(err) : null;
}

/** Hono onError: known errors keep their message; anything else is a 500 that echoes nothing internal. */
export function handleError(err: Error, c: Context): Response {
  const known = asAppError(err);
  if (known) return c.json(errorBody(known.code, known.message, known.field), ERROR_STATUS[known.code]);
  console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId' as never), error: String(err?.stack ?? err) }));
  return c.json(errorBody('internal', 'Internal error; the request id is in the x-request-id header'), 500);
}
