import { bytes, concatBytes, hmac, timingSafeEqual, toHex, withinTolerance } from '../crypto';
import type { NormalisedDelivery, SenderRole, WebhookAdapter } from '../types';
import { asObject, asString, optionalString, toEpochMs } from './shared';

/**
 * Chatwoot account webhooks. Signed with the webhook's secret:
 * `X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of "{X-Chatwoot-Timestamp}.{raw body}">`.
 * message_created → a message (incoming = customer, outgoing = agent or bot, activity = system,
 * private = internal note); conversation_created → opened; conversation_status_changed to resolved → closed.
 */

function senderRole(message: Record<string, unknown>): SenderRole {
  const type = message.message_type;
  const sender = (message.sender ?? {}) as Record<string, unknown>;
  if (type === 'incoming' || type === 0) return 'customer';
  if (type === 'activity' || type === 2) return 'system';
  if (type === 'template' || type === 3 || sender.type === 'agent_bot' || !sender.id) return 'bot';
  return 'agent';
}

function normalise(body: unknown): NormalisedDelivery {
  const b = asObject(body, '');
  const event = asString(b.event, 'event');
  switch (event) {
    case 'message_created': {
      const conversation = asObject(b.conversation, 'conversation');
      const role = senderRole(b);
      const sender = (b.sender ?? {}) as Record<string, unknown>;
      return {
        events: [
          {
            kind: 'message.created',
            conversationId: asString(conversation.id ?? conversation.display_id, 'conversation.id'),
            messageId: asString(b.id, 'id'),
            at: toEpochMs(b.created_at, 'created_at'),
            sender: { role, id: optionalString(sender.id), name: optionalString(sender.name) },
            text: typeof b.content === 'string' ? b.content : '',
            contentType: optionalString(b.content_type) ?? 'text',
            internal: b.private === true,
          },
        ],
        ignoredTypes: [],
      };
    }
    case 'conversation_created': {
      const meta = (b.meta ?? {}) as Record<string, unknown>;
      const contact = (meta.sender ?? {}) as Record<string, unknown>;
      return {
        events: [
          {
            kind: 'conversation.opened',
            conversationId: asString(b.id, 'id'),
            at: toEpochMs(b.created_at ?? b.timestamp, 'created_at'),
            customer: { id: optionalString(contact.id), name: optionalString(contact.name) },
            channel: optionalString(b.channel),
          },
        ],
        ignoredTypes: [],
      };
    }
    case 'conversation_status_changed':
    case 'conversation_resolved': {
      if (b.status !== 'resolved' && event !== 'conversation_resolved') return { events: [], ignoredTypes: [`${event}:${String(b.status)}`] };
      return {
        events: [{ kind: 'conversation.closed', conversationId: asString(b.id, 'id'), at: toEpochMs(b.updated_at ?? b.timestamp ?? b.created_at, 'updated_at'), reason: 'resolved' }],
        ignoredTypes: [],
      };
    }
    default:
      return { events: [], ignoredTypes: [event] };
  }
}

export const chatwootAdapter: WebhookAdapter = {
  platform: 'chatwoot',
  async verify({ headers, rawBody, secret, now }) {
    const signature = headers.get('x-chatwoot-signature');
    const timestamp = headers.get('x-chatwoot-timestamp');
    if (!signature || !timestamp) return { ok: false, reason: 'X-Chatwoot-Signature and X-Chatwoot-Timestamp headers are required' };
    if (!/^\d+$/.test(timestamp) || !withinTolerance(Number(timestamp) * 1000, now)) return { ok: false, reason: 'X-Chatwoot-Timestamp is outside the 5-minute tolerance' };
    const expected = `sha256=${toHex(await hmac('SHA-256', bytes(secret), concatBytes(bytes(`${timestamp}.`), rawBody)))}`;
    return timingSafeEqual(signature, expected) ? { ok: true } : { ok: false, reason: 'X-Chatwoot-Signature does not match' };
  },
  deliveryId: (headers) => headers.get('x-chatwoot-delivery'),
  normalise,
};
