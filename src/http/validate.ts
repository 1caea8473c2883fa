import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError, zodToAppError } from '../domain/errors';

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw zodToAppError(result.error, prefix);
  return result.data;
}

/** Reads and validates a JSON body; a body that is not JSON is a 400 too, never a 500. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let value: unknown;
  try {
    value = await c.req.json();
  } catch {
    throw new AppError('invalid_json', 'The request body must be JSON');
  }
  return parseWith(schema, value);
}

export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return parseWith(schema, c.req.query());
}
