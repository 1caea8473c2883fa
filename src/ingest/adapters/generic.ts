import { z } from 'zod';
import { bytes, concatBytes, fromBase64, hmac, timingSafeEqual, toBase64, withinTolerance } from '../crypto';
import { PayloadError, type NormalisedDelivery, type NormalisedEvent, type WebhookAdapter } from '../types';
import { parsePayload } from './parse';

/**
 * ShopQA's own event schema (SPEC §5), signed per the Standard Webhooks spec:
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">`,
 * the key being the base64 part of the `whsec_…` secret. A body is one event, or `{"events": [...]}`.
 */

const isoTime = z.iso.datetime({ offset: true });
const base = { platform: z.string().min(1), store_ref: z.string().optional(), conversation_id: z.string().min(1) };
const party = z.object({ role: z.enum(['customer', 'agent', 'bot', 'system']), id: z.string().min(1).optional(), name: z.string().optional() });

const opened = z.object({
  type: z.literal('conversation.opened'),
  timestamp: isoTime,
  data: z.object({
    ...base,
    opened_at: isoTime,
    customer: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
    channel: z.string().optional(),
    phase: z.enum(['presales', 'aftersales']).optional(),
    locale: z.string().optional(),
  }),
});
const message = z.object({
  type: z.literal('message.created'),
  timestamp: isoTime,
  data: z.object({
    ...base,
    message_id: z.string().min(1),
    sender: party,
    text: z.string().max(100_000),
    content_type: z.string().default('text'),
    internal: z.boolean().default(false),
    created_at: isoTime,
  }),
});
const closed = z.object({
  type: z.literal('conversation.closed'),
  timestamp: isoTime,
  data: z.object({ ...base, closed_at: isoTime, closed_by: party.optional(), reason: z.string().optional() }),
});
const rated = z.object({
  type: z.literal('conversation.rated'),
  timestamp: isoTime,
  data: z.object({
    ...base,
    rated_at: isoTime,
    rating: z
      .object({ score: z.number(), scale_max: z.number().int().min(2).max(10).default(5), label: z.string().optional(), comment: z.string().optional() })
      .refine((r) => r.score >= 1 && r.score <= r.scale_max, { message: 'score must be between 1 and scale_max', path: ['score'] }),
    agent_id: z.string().optional(),
  }),
});
const KNOWN = { 'conversation.opened': opened, 'message.created': message, 'conversation.closed': closed, 'conversation.rated': rated } as const;

/** A 1..max rating onto 1..5, so a 1–3 scale's 2 lands on 3. */
export function toFivePoint(score: number, max: number): number {
  return Math.round(1 + ((score - 1) * 4) / (max - 1));
}

function normaliseOne(raw: unknown, path: string): NormalisedEvent | string {
  const type = (raw as { type?: unknown })?.type;
  if (typeof type !== 'string') throw new PayloadError(`${path ? `${path}.` : ''}type: must be a string`, path ? `${path}.type` : 'type');
  // Own keys only: 'toString' or '__proto__' is an unknown type like any other, not a schema.
  if (!Object.hasOwn(KNOWN, type)) return type;
  const event = parsePayload(KNOWN[type as keyof typeof KNOWN], raw, path);
  const d = event.data;
  switch (event.type) {
    case 'conversation.opened': {
      const o = event.data as z.infer<typeof opened>['data'];
      return {
        kind: 'conversation.opened',
        conversationId: d.conversation_id,
        at: Date.parse(o.opened_at),
        customer: o.customer,
        channel: o.channel,
        phase: o.phase === 'presales' ? 'pre_sales' : o.phase === 'aftersales' ? 'after_sales' : undefined,
        locale: o.locale,
      };
    }
    case 'message.created': {
      const m = event.data as z.infer<typeof message>['data'];
      // The envelope's timestamp orders versions: a redelivery with edited text and a later timestamp wins.
      return { kind: 'message.created', conversationId: d.conversation_id, messageId: m.message_id, at: Date.parse(m.created_at), sender: m.sender, text: m.text, contentType: m.content_type, internal: m.internal, version: Date.parse(event.timestamp) };
    }
    case 'conversation.closed': {
      const c = event.data as z.infer<typeof closed>['data'];
      return { kind: 'conversation.closed', conversationId: d.conversation_id, at: Date.parse(c.closed_at), closedBy: c.closed_by, reason: c.reason };
    }
    case 'conversation.rated': {
      const r = event.data as z.infer<typeof rated>['data'];
      return {
        kind: 'conversation.rated',
        conversationId: d.conversation_id,
        at: Date.parse(r.rated_at),
        rating: { score: toFivePoint(r.rating.score, r.rating.scale_max), label: r.rating.label, comment: r.rating.comment },
        agentId: r.agent_id,
      };
    }
  }
}

export function normaliseGeneric(body: unknown): NormalisedDelivery {
  const batch = (body as { events?: unknown })?.events;
  // A batch is {"events": [...]}; a single event has no `events` key at all.
  if (batch !== undefined && !Array.isArray(batch)) throw new PayloadError('events: must be a list of events', 'events');
  const items = Array.isArray(batch) ? batch.map((e, i) => [e, `events.${i}`] as const) : [[body, ''] as const];
  if (Array.isArray(batch) && batch.length === 0) throw new PayloadError('events: must not be empty', 'events');
  const delivery: NormalisedDelivery = { events: [], ignoredTypes: [] };
  for (const [raw, path] of items) {
    const result = normaliseOne(raw, path);
    if (typeof result === 'string') delivery.ignoredTypes.push(result);
    else delivery.events.push(result);
  }
  return delivery;
}

export async function standardWebhookSignature(secret: string, id: string, timestamp: string, rawBody: Uint8Array): Promise<string> {
  const key = secret.startsWith('whsec_') ? (fromBase64(secret.slice(6)) ?? bytes(secret)) : bytes(secret);
  return toBase64(await hmac('SHA-256', key, concatBytes(bytes(`${id}.${timestamp}.`), rawBody)));
}

export const genericAdapter: WebhookAdapter = {
  platform: 'generic',
  async verify({ headers, rawBody, secret, now }) {
    const id = headers.get('webhook-id');
    const timestamp = headers.get('webhook-timestamp');
    const signatures = headers.get('webhook-signature');
    if (!id || !timestamp || !signatures) return { ok: false, reason: 'webhook-id, webhook-timestamp and webhook-signature headers are required' };
    if (!/^\d+$/.test(timestamp) || !withinTolerance(Number(timestamp) * 1000, now)) {
      return { ok: false, reason: 'webhook-timestamp is outside the 5-minute tolerance' };
    }
    const expected = await standardWebhookSignature(secret, id, timestamp, rawBody);
    // The header may hold several space-separated signatures (secret rotation); one match is enough.
    const match = signatures.split(' ').some((s) => {
      const [version, value] = s.split(',', 2);
      return version === 'v1' && value !== undefined && timingSafeEqual(value, expected);
    });
    return match ? { ok: true } : { ok: false, reason: 'webhook-signature does not match' };
  },
  deliveryId: (headers) => headers.get('webhook-id'),
  normalise: normaliseGeneric,
};
