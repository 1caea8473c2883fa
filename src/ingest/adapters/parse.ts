import type { z } from 'zod';
import { describeZodIssue } from '../../domain/errors';
import { PayloadError } from '../types';

/** Parses with a zod schema; the first issue becomes a PayloadError naming the dotted field path. */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { field, message } = describeZodIssue(result.error, prefix);
  throw new PayloadError(message, field ?? 'body');
}
