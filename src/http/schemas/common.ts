import { z } from '@hono/zod-openapi';
import { ERROR_CODES } from '../../domain/errors';

export const ErrorSchema = z
  .object({ error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), field: z.string().optional() }) })
  .openapi('Error');

export const isoTime = z.string().describe('ISO 8601 time');
export const isoDate = z.string().describe('YYYY-MM-DD, a local date in the store’s time zone');
/**
 * A named schema or null. The document generator drops the null from `Named.nullable()` (a bare `$ref`,
 * or an `allOf` no value matches): a union writes `anyOf: [$ref, {type: null}]`, what the server sends.
 */
export const orNull = <S extends z.ZodType>(schema: S) => z.union([schema, z.null()]);
export const listOf = <S extends z.ZodType>(item: S) => z.object({ data: z.array(item) });
