import { z } from '@hono/zod-openapi';
import { ERROR_CODES } from '../../domain/errors';

export const ErrorSchema = z
  .object({ error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), field: z.string().optional() }) })
  .openapi('Error');

export const isoTime = z.string().describe('ISO 8601 time');
export const isoDate = z.string().describe('YYYY-MM-DD, a local date in the store’s time zone');
export const listOf = <S extends z.ZodType>(item: S) => z.object({ data: z.array(item) });
