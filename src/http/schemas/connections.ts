import { z } from '@hono/zod-openapi';
import { PLATFORMS } from '../../domain/enums';
import { isoTime } from './common';

export const ConnectionSchema = z
  .object({ id: z.string(), platform: z.enum(PLATFORMS), name: z.string(), webhookUrl: z.string(), createdAt: isoTime })
  .openapi('Connection');

export const NewConnectionSchema = ConnectionSchema.extend({ secret: z.string().describe('The signing secret: shown only here') });

export const ConnectionWithStatsSchema = ConnectionSchema.extend({
  stats: z.object({
    deliveries: z
      .object({ processed: z.number().int(), ignored: z.number().int(), dead: z.number().int() })
      .describe('Deliveries the queue consumer has settled in the last 30 days, by outcome (one still on the queue is not counted yet)'),
    failedTries: z.number().int().describe('Tries that failed and were tried again (or, after the last, made the delivery dead)'),
    ignoredEventTypes: z.number().int(),
    lastDeliveryAt: isoTime.nullable(),
  }),
});
