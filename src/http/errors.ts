import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one code → status table. Every error response is `{error: {code, message, field?}}`. */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  invalid_signature: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Dotted path of the field at fault, when one is. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

export function errorBody(code: ErrorCode, message: string, field?: string) {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/** Hono onError: known errors keep their message; anything else is a 500 that echoes nothing internal. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof AppError) return c.json(errorBody(err.code, err.message, err.field), err.status);
  console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId' as never), error: String(err?.stack ?? err) }));
  return c.json(errorBody('internal', 'Internal error; the request id is in the x-request-id header'), 500);
}
