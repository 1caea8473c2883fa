import { hmac, bytes, timingSafeEqual, toHex } from '../crypto';
import { PayloadError, type NormalisedDelivery, type SenderRole, type WebhookAdapter } from '../types';
import { asObject, asString, htmlToText, optionalString, toEpochMs } from './shared';

/**
 * Intercom webhooks: `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body>`, keyed with the app's
 * client secret. A notification carries the whole conversation item; ShopQA takes its source message
 * and every conversation part (comments; notes as internal), `close` parts, and the conversation rating.
 * Writes are idempotent on part ids, so the repeated parts of later notifications change nothing.
 */

function role(author: Record<string, unknown> | undefined): SenderRole {
  switch (author?.type) {
    case 'admin':
    case 'team':
      return 'agent';
    case 'bot':
      return 'bot';
    case 'user':
    case 'lead':
    case 'contact':
      return 'customer';
    default:
      return 'system';
  }
}

const MESSAGE_PARTS = new Set(['comment', 'note', 'open', 'assign_and_reopen', 'quick_reply']);

function normalise(body: unknown): NormalisedDelivery {
  const b = asObject(body, '');
  const topic = asString(b.topic, 'topic');
  if (!topic.startsWith('conversation.')) return { events: [], ignoredTypes: [topic] };
  const item = asObject(asObject(b.data, 'data').item, 'data.item');
  const conversationId = asString(item.id, 'data.item.id');
  const out: NormalisedDelivery = { events: [], ignoredTypes: [] };
  const createdAt = toEpochMs(item.created_at, 'data.item.created_at');
  const source = item.source as Record<string, unknown> | undefined;
  if (source?.id && typeof source.body === 'string') {
    const author = source.author as Record<string, unknown> | undefined;
    out.events.push({ kind: 'conversation.opened', conversationId, at: createdAt, customer: role(author) === 'customer' ? { id: optionalString(author?.id), name: optionalString(author?.name) } : undefined });
    out.events.push({
      kind: 'message.created',
      conversationId,
      messageId: `source-${asString(source.id, 'data.item.source.id')}`,
      at: createdAt,
      sender: { role: role(author), id: optionalString(author?.id), name: optionalString(author?.name) },
      text: htmlToText(source.body),
      contentType: 'text',
      internal: false,
    });
  }
  const parts = ((item.conversation_parts as Record<string, unknown> | undefined)?.conversation_parts ?? []) as unknown[];
  if (!Array.isArray(parts)) throw new PayloadError('data.item.conversation_parts.conversation_parts: must be an array', 'data.item.conversation_parts.conversation_parts');
  parts.forEach((raw, i) => {
    const path = `data.item.conversation_parts.conversation_parts.${i}`;
    const part = asObject(raw, path);
    const type = asString(part.part_type, `${path}.part_type`);
    const author = part.author as Record<string, unknown> | undefined;
    const at = toEpochMs(part.created_at, `${path}.created_at`);
    if (type === 'close') out.events.push({ kind: 'conversation.closed', conversationId, at, closedBy: { role: role(author), id: optionalString(author?.id) }, reason: 'closed' });
    if (MESSAGE_PARTS.has(type) && typeof part.body === 'string' && part.body) {
      out.events.push({
        kind: 'message.created',
        conversationId,
        messageId: asString(part.id, `${path}.id`),
        at,
        sender: { role: role(author), id: optionalString(author?.id), name: optionalString(author?.name) },
        text: htmlToText(part.body),
        contentType: 'text',
        internal: type === 'note',
      });
    }
  });
  const rating = item.conversation_rating as Record<string, unknown> | undefined;
  if (rating && typeof rating.rating === 'number') {
    out.events.push({
      kind: 'conversation.rated',
      conversationId,
      at: toEpochMs(rating.created_at ?? b.created_at, 'data.item.conversation_rating.created_at'),
      rating: { score: Math.min(5, Math.max(1, Math.round(rating.rating))), comment: optionalString(rating.remark) },
      agentId: optionalString((rating.teammate as Record<string, unknown> | undefined)?.id),
    });
  }
  if (!out.events.length) out.ignoredTypes.push(topic);
  return out;
}

export const intercomAdapter: WebhookAdapter = {
  platform: 'intercom',
  async verify({ headers, rawBody, secret }) {
    const signature = headers.get('x-hub-signature');
    if (!signature) return { ok: false, reason: 'X-Hub-Signature header is required' };
    const expected = `sha1=${toHex(await hmac('SHA-1', bytes(secret), new Uint8Array(rawBody)))}`;
    return timingSafeEqual(signature, expected) ? { ok: true } : { ok: false, reason: 'X-Hub-Signature does not match' };
  },
  deliveryId: (_headers, body) => optionalString((body as { id?: unknown })?.id) ?? null,
  normalise,
};
