import type { z } from 'zod';
import { PayloadError } from '../types';

/** Parses with a zod schema; the first issue becomes a PayloadError naming the dotted field path. */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  throw new PayloadError(`${field || 'body'}: ${issue.message}`, field || 'body');
}
