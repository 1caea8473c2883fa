import { z } from '@hono/zod-openapi';
import { AppError } from '../../domain/errors';
import { PLATFORMS } from '../../domain/enums';
import { MAX_BODY_BYTES, receiveWebhook } from '../../ingest/receive';
import { defineRoute, json, router, SIGNED } from '../route';

/** Reads at most `limit` bytes, so an oversized body is refused without buffering all of it. */
async function readBody(req: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > limit) throw new AppError('payload_too_large', 'The body exceeds 1 MiB');
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError('payload_too_large', 'The body exceeds 1 MiB');
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

const receive = defineRoute({
  method: 'post',
  path: '/{platform}/{connectionId}',
  tags: ['webhooks'],
  summary: "Receive a chat platform's event, verified with the connection's secret by the platform's own signature scheme",
  description: 'The body is the platform’s own webhook payload, verified over its raw bytes (docs/platforms.md). At most 1 MiB and 150 events.',
  access: SIGNED,
  request: {
    // Not validated as JSON here: the signature is checked over the raw bytes before anything is parsed.
    params: z.object({ platform: z.string().describe(`One of ${PLATFORMS.join(', ')}`), connectionId: z.string() }),
    body: { required: true, content: { 'application/json': { schema: { type: 'object', description: "The platform's webhook body" } } } },
  },
  responses: {
    202: json(
      z.object({
        accepted: z.literal(true),
        id: z.string().describe("ShopQA's id of this delivery (dlv_…); a redelivery is accepted again under a new id and changes nothing"),
        events: z.number().int(),
        ignored: z.number().int().describe('Event types ShopQA does not use, counted'),
      }),
      'Verified and handed to the queue (nothing is written before this answer)',
    ),
  },
});

export const webhookRoutes = router().openapi(receive, async (c) => {
  const { platform, connectionId } = c.req.valid('param');
  const receipt = await receiveWebhook(c.env, {
    platform,
    connectionId,
    headers: c.req.raw.headers,
    rawBody: await readBody(c.req.raw, MAX_BODY_BYTES),
    now: c.get('now')(),
  });
  return c.json({ accepted: true as const, ...receipt }, 202);
});
