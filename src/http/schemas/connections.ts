import { z } from '@hono/zod-openapi';
import { CONNECTION_AUTHS, PLATFORMS } from '../../domain/enums';
import { isoTime } from './common';

export const ConnectionSchema = z
  .object({
    id: z.string(),
    platform: z.enum(PLATFORMS),
    name: z.string(),
    auth: z.enum(CONNECTION_AUTHS).describe('signature: the platform signs; url_token: a token in the webhook URL (weaker, for platforms that do not sign)'),
    webhookUrl: z.string().describe('Without the URL token, which is shown only on creation and rotation'),
    createdAt: isoTime,
  })
  .openapi('Connection');

export const NewConnectionSchema = ConnectionSchema.extend({
  webhookUrl: z.string().describe('The URL to give the platform (with the URL token, for url_token connections)'),
  secret: z.string().describe('The signing secret: shown only here'),
  urlToken: z.string().optional().describe('url_token connections: the token, part of webhookUrl; shown only here'),
});

export const RotatedUrlTokenSchema = z.object({
  id: z.string(),
  webhookUrl: z.string().describe('The new URL to give the platform'),
  urlToken: z.string(),
  previousTokenValidUntil: isoTime.nullable().describe('Until when the replaced token still works'),
});

export const ConnectionWithStatsSchema = ConnectionSchema.extend({
  stats: z.object({
    deliveries: z
      .object({ processed: z.number().int(), ignored: z.number().int(), dead: z.number().int() })
      .describe('Deliveries the queue consumer has settled in the last 30 days, by outcome (one still on the queue is not counted yet)'),
    failedTries: z.number().int().describe('Tries that failed and were tried again (or, after the last, made the delivery dead)'),
    ignoredEventTypes: z.number().int(),
    lastDeliveryAt: isoTime.nullable(),
    recentWarnings: z.array(z.object({ receivedAt: isoTime, message: z.string() })).describe('Odd values stored with a warning (latest first)'),
  }),
});
