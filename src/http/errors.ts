import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode } from '../domain/errors';

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

/** Hono onError: known errors keep their message; anything else is a 500 that echoes nothing internal. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof AppError) return c.json(errorBody(err.code, err.message, err.field), ERROR_STATUS[err.code]);
  const known = err instanceof HTTPException ? fromHttpException(err) : null;
  if (known) return c.json(errorBody(known.code, known.message), ERROR_STATUS[known.code]);
  console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId' as never), error: String(err?.stack ?? err) }));
  return c.json(errorBody('internal', 'Internal error; the request id is in the x-request-id header'), 500);
}

/** Hono's own refusals (the validator's malformed JSON, the media-type gate) in the API's words. */
function fromHttpException(err: HTTPException): { code: ErrorCode; message: string } | null {
  if (err.status === 400) return { code: 'invalid_json', message: 'The request body must be JSON' };
  if (err.status === 415) return { code: 'unsupported_media_type', message: 'The request body must be JSON (content-type: application/json)' };
  if (err.status === 413) return { code: 'payload_too_large', message: 'The request body is too large' };
  return null;
}
