import { z } from '@hono/zod-openapi';
import { PLATFORMS, RAW_EVENT_STATUSES } from '../../domain/enums';
import { isoTime } from './common';

export const ConnectionSchema = z
  .object({ id: z.string(), platform: z.enum(PLATFORMS), name: z.string(), webhookUrl: z.string(), createdAt: isoTime })
  .openapi('Connection');

export const NewConnectionSchema = ConnectionSchema.extend({ secret: z.string().describe('The signing secret: shown only here') });

export const ConnectionWithStatsSchema = ConnectionSchema.extend({
  stats: z.object({
    deliveries: z.partialRecord(z.enum(RAW_EVENT_STATUSES), z.number().int()).describe('Deliveries by processing status'),
    ignoredEventTypes: z.number().int(),
    lastDeliveryAt: isoTime.nullable(),
  }),
});
