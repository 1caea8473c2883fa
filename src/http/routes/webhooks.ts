import { Hono } from 'hono';
import { receiveWebhook, MAX_BODY_BYTES } from '../../ingest/receive';
import type { AppEnv } from '../context';
import { AppError } from '../../domain/errors';

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

export const webhookRoutes = new Hono<AppEnv>().post('/:platform/:connectionId', async (c) => {
  const receipt = await receiveWebhook(c.env, {
    platform: c.req.param('platform'),
    connectionId: c.req.param('connectionId'),
    headers: c.req.raw.headers,
    rawBody: await readBody(c.req.raw, MAX_BODY_BYTES),
    now: c.get('now')(),
  });
  return c.json({ accepted: true, ...receipt }, 202);
});
