import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../context';
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

const accepted = json(
  z.object({
    accepted: z.literal(true),
    id: z.string().describe("ShopQA's id of this delivery (dlv_…); a redelivery is accepted again under a new id and changes nothing"),
    events: z.number().int(),
    ignored: z.number().int().describe('Event types ShopQA does not use, counted'),
  }),
  'Verified and handed to the queue (nothing is written before this answer)',
);
const platformBody = { required: true, content: { 'application/json': { schema: { type: 'object' as const, description: "The platform's webhook body" } } } };
const platformParam = z.string().describe(`One of ${PLATFORMS.join(', ')}`);

const receive = defineRoute({
  method: 'post',
  path: '/{platform}/{connectionId}',
  tags: ['webhooks'],
  summary: "Receive a chat platform's event, verified with the connection's secret by the platform's own signature scheme",
  description: 'The body is the platform’s own webhook payload, verified over its raw bytes (docs/platforms.md). At most 1 MiB and 150 events.',
  access: SIGNED,
  request: {
    // Not validated as JSON here: the signature is checked over the raw bytes before anything is parsed.
    params: z.object({ platform: platformParam, connectionId: z.string() }),
    body: platformBody,
  },
  responses: { 202: accepted },
});

const receiveWithToken = defineRoute({
  method: 'post',
  path: '/{platform}/{connectionId}/{token}',
  tags: ['webhooks'],
  summary: "Receive a chat platform's event for a connection that authenticates by URL token",
  description:
    'For platforms (or versions) that do not sign their webhooks — Crisp website hooks, Chatwoot before 4.11.2. The token in the URL is compared in constant time; it is weaker than a signature (docs/platforms.md).',
  access: SIGNED,
  request: { params: z.object({ platform: platformParam, connectionId: z.string(), token: z.string() }), body: platformBody },
  responses: { 202: accepted },
});

async function receive202(c: Context<AppEnv>, params: { platform: string; connectionId: string; token?: string }) {
  const receipt = await receiveWebhook(c.env, {
    platform: params.platform,
    connectionId: params.connectionId,
    urlToken: params.token,
    headers: c.req.raw.headers,
    rawBody: await readBody(c.req.raw, MAX_BODY_BYTES),
    now: c.get('now')(),
  });
  return c.json({ accepted: true as const, ...receipt }, 202);
}

export const webhookRoutes = router()
  .openapi(receive, (c) => receive202(c, c.req.valid('param')))
  .openapi(receiveWithToken, (c) => receive202(c, c.req.valid('param')));
