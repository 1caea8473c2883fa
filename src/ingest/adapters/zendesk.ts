import { bytes, concatBytes, fromBase64, hmac, timingSafeEqual, withinTolerance } from '../crypto';
import { PayloadError, type NormalisedDelivery, type NormalisedEvent, type SenderRole, type WebhookAdapter } from '../types';
import { asObject, asString, optionalString, toEpochMs } from './shared';

/**
 * Zendesk, two products on one adapter, told apart by their headers:
 * - Sunshine Conversations (messaging) webhooks: `X-API-Key` is the webhook's secret; the body holds
 *   `events[]` of type `conversation:message` (author `user` = customer, `business` = agent or bot).
 * - Zendesk Support webhooks (the CSAT trigger): `X-Zendesk-Webhook-Signature` =
 *   base64(HMAC-SHA256(secret, X-Zendesk-Webhook-Signature-Timestamp + raw body)); ShopQA reads the JSON
 *   body configured in the trigger (docs/platforms.md): `{conversation_id, satisfaction_score, …}`.
 * Zendesk does not retry a 4xx, so a signature is refused only when it is really wrong.
 */

function authorRole(author: Record<string, unknown>): SenderRole {
  if (author.type === 'user') return 'customer';
  const subtypes = Array.isArray(author.subtypes) ? author.subtypes : [];
  return subtypes.includes('AI') || author.type === 'bot' ? 'bot' : 'agent';
}

function sunshine(b: Record<string, unknown>): NormalisedDelivery {
  const out: NormalisedDelivery = { events: [], ignoredTypes: [] };
  if (!Array.isArray(b.events)) throw new PayloadError('events: must be an array', 'events');
  b.events.forEach((raw, i) => {
    const path = `events.${i}`;
    const e = asObject(raw, path);
    const type = asString(e.type, `${path}.type`);
    const payload = asObject(e.payload, `${path}.payload`);
    const conversation = asObject(payload.conversation, `${path}.payload.conversation`);
    const conversationId = asString(conversation.id, `${path}.payload.conversation.id`);
    if (type === 'conversation:create') {
      out.events.push({ kind: 'conversation.opened', conversationId, at: toEpochMs(e.createdAt, `${path}.createdAt`) });
    } else if (type === 'conversation:message') {
      const m = asObject(payload.message, `${path}.payload.message`);
      const author = asObject(m.author, `${path}.payload.message.author`);
      const content = asObject(m.content, `${path}.payload.message.content`);
      const role = authorRole(author);
      const name = optionalString(author.displayName);
      out.events.push({
        kind: 'message.created',
        conversationId,
        messageId: asString(m.id, `${path}.payload.message.id`),
        at: toEpochMs(m.received ?? e.createdAt, `${path}.payload.message.received`),
        // Business authors carry no user id: the agent's display name is what identifies them.
        sender: { role, id: optionalString(author.userId) ?? (role === 'agent' ? name : undefined), name },
        text: typeof content.text === 'string' ? content.text : '',
        contentType: optionalString(content.type) ?? 'text',
        internal: false,
      });
    } else {
      out.ignoredTypes.push(type);
    }
  });
  return out;
}

/** good/bad (or a 1–5 number) from the CSAT trigger body. */
function support(b: Record<string, unknown>): NormalisedDelivery {
  const score = b.satisfaction_score ?? b.rating;
  if (score === 'offered' || score === 'unoffered' || score === undefined) return { events: [], ignoredTypes: [`csat:${String(score)}`] };
  const value = score === 'good' ? 5 : score === 'bad' ? 1 : Number(score);
  if (!Number.isInteger(value) || value < 1 || value > 5) throw new PayloadError('satisfaction_score: must be good, bad or 1–5', 'satisfaction_score');
  const event: NormalisedEvent = {
    kind: 'conversation.rated',
    conversationId: asString(b.conversation_id ?? b.ticket_id, 'conversation_id'),
    at: toEpochMs(b.updated_at ?? b.rated_at, 'updated_at'),
    rating: { score: value, label: optionalString(score), comment: optionalString(b.satisfaction_comment) },
    agentId: optionalString(b.assignee_id),
  };
  return { events: [event], ignoredTypes: [] };
}

export const zendeskAdapter: WebhookAdapter = {
  platform: 'zendesk',
  async verify({ headers, rawBody, secret, now }) {
    const signature = headers.get('x-zendesk-webhook-signature');
    if (signature) {
      const timestamp = headers.get('x-zendesk-webhook-signature-timestamp');
      if (!timestamp) return { ok: false, reason: 'X-Zendesk-Webhook-Signature-Timestamp header is required' };
      if (!withinTolerance(toEpochMs(timestamp, 'timestamp'), now)) return { ok: false, reason: 'X-Zendesk-Webhook-Signature-Timestamp is outside the 5-minute tolerance' };
      const expected = await hmac('SHA-256', bytes(secret), concatBytes(bytes(timestamp), rawBody));
      const given = fromBase64(signature);
      return given && timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: 'X-Zendesk-Webhook-Signature does not match' };
    }
    const apiKey = headers.get('x-api-key');
    if (!apiKey) return { ok: false, reason: 'X-API-Key (Sunshine Conversations) or X-Zendesk-Webhook-Signature (Support) header is required' };
    return timingSafeEqual(apiKey, secret) ? { ok: true } : { ok: false, reason: 'X-API-Key does not match the webhook secret' };
  },
  deliveryId: (headers, body) =>
    headers.get('x-zendesk-webhook-invocation-id') ??
    (Array.isArray((body as { events?: unknown[] })?.events) ? (body as { events: { id?: string }[] }).events.map((e) => e?.id ?? '').join(',') || null : null),
  normalise(body) {
    const b = asObject(body, '');
    return 'events' in b ? sunshine(b) : support(b);
  },
};
