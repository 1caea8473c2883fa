import type { z } from 'zod';

/**
 * Errors belong to the domain: services, ingest and jobs throw these; `src/http/errors.ts` maps each
 * code to its HTTP status and the one JSON envelope.
 */
export const ERROR_CODES = [
  'invalid_request',
  'invalid_json',
  'unauthorized',
  'invalid_signature',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

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
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

/** The first issue of a zod error as `{field, message}`, the field a dotted path (prefixed when given). */
export function describeZodIssue(error: z.ZodError, prefix = ''): { field: string | undefined; message: string } {
  const issue = error.issues[0];
  // A key a strict object does not know is reported on the object: name the key itself.
  const keys = issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
  const path = issue ? [...issue.path, ...keys].map(String).join('.') : '';
  const field = [prefix, path].filter(Boolean).join('.') || undefined;
  return { field, message: issue ? `${field ?? 'body'}: ${issue.message}` : 'Invalid request' };
}

/** A zod failure as the 400 that names the field at fault. */
export function zodToAppError(error: z.ZodError, prefix = ''): AppError {
  const { field, message } = describeZodIssue(error, prefix);
  return new AppError('invalid_request', message, field);
}
