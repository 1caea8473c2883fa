import { bytes, concatBytes, fromBase64, hmac, timingSafeEqual, withinTolerance } from '../crypto';
import { PayloadError, type NormaliseContext, type NormalisedDelivery, type Party, type WebhookAdapter } from '../types';
import { asObject, asString, collected, objectOr, optionalString, readRating, timeOr, toEpochMs, type Collected } from './shared';

/**
 * Zendesk, two products on one adapter, told apart by their headers:
 * - Sunshine Conversations (messaging) webhooks v2: `X-API-Key` is the webhook's secret; the body holds
 *   `events[]` (models ConversationMessageEvent, SwitchboardPassControl, SwitchboardReleaseControl in
 *   zendesk/sunshine-conversations-*; wire names are camelCase). The unit is the SunCo conversation.
 * - Zendesk Support webhooks (the CSAT trigger): authenticated with the same secret as an `X-API-Key`
 *   header (the webhook's "API key" authentication), or signed: `X-Zendesk-Webhook-Signature` =
 *   base64(HMAC-SHA256(secret, X-Zendesk-Webhook-Signature-Timestamp + raw body)); the JSON body is the
 *   one the store's trigger renders (docs/platforms.md).
 * Zendesk does not retry a 4xx, so odd values are stored with a warning rather than refused.
 */

const AGENT_ID = '__zendesk_msg.agent.id';
const TRIGGER_ID = '__zendesk_msg.trigger.id';

/**
 * Who wrote a business message, from what SunCo and Zendesk say: the AI and activity subtypes; the
 * agent workspace's metadata naming the Zendesk agent (or `__trigger` for automated replies); and the
 * switchboard integration in control — a business message while a bot integration is active is the bot.
 */
function author(message: Record<string, unknown>, conversation: Record<string, unknown>): Party {
  const a = objectOr(message.author);
  const name = optionalString(a.displayName);
  if (a.type === 'user') return { role: 'customer', id: optionalString(a.userId) ?? optionalString(objectOr(a.user).id), name };
  const subtypes = Array.isArray(a.subtypes) ? a.subtypes : [];
  if (subtypes.includes('activity')) return { role: 'system', name };
  if (subtypes.includes('AI')) return { role: 'bot', name };
  const metadata = objectOr(message.metadata);
  const agentId = optionalString(metadata[AGENT_ID]);
  if (agentId === '__trigger' || metadata[TRIGGER_ID] !== undefined) return { role: 'bot', name };
  if (agentId) return { role: 'agent', id: agentId, name };
  const active = objectOr(conversation.activeSwitchboardIntegration ?? conversation.active_switchboard_integration);
  const integration = optionalString(active.integrationType ?? active.integration_type);
  if (integration && integration !== 'zd:agentWorkspace') return { role: 'bot', name };
  if (optionalString(objectOr(message.source).type) === 'zd:answerBot') return { role: 'bot', name };
  // A business message with no agent id in its metadata: Zendesk names no one (see docs/platforms.md).
  return { role: 'agent', name };
}

function sunshine(b: Record<string, unknown>, out: Collected) {
  if (!Array.isArray(b.events)) throw new PayloadError('events: must be an array', 'events');
  b.events.forEach((raw, i) => {
    const path = `events.${i}`;
    const e = asObject(raw, path);
    const type = asString(e.type, `${path}.type`);
    const payload = asObject(e.payload, `${path}.payload`);
    const conversation = asObject(payload.conversation, `${path}.payload.conversation`);
    const conversationId = asString(conversation.id, `${path}.payload.conversation.id`);
    const at = () => toEpochMs(e.createdAt ?? e.created_at, `${path}.createdAt`);
    if (type === 'conversation:create') {
      const user = objectOr(payload.user);
      const profile = objectOr(user.profile);
      const name = [profile.givenName, profile.surname].filter((x) => typeof x === 'string' && x).join(' ') || undefined;
      out.events.push({ kind: 'conversation.opened', conversationId, at: at(), customer: { id: optionalString(user.id), name } });
    } else if (type === 'conversation:message') {
      const m = asObject(payload.message, `${path}.payload.message`);
      const content = asObject(m.content, `${path}.payload.message.content`);
      const sent = toEpochMs(m.received ?? e.createdAt ?? e.created_at, `${path}.payload.message.received`);
      out.events.push({
        kind: 'message.created',
        conversationId,
        messageId: asString(m.id, `${path}.payload.message.id`),
        at: sent,
        sender: author(m, conversation),
        text: typeof content.text === 'string' ? content.text : '',
        contentType: optionalString(content.type) ?? 'text',
        internal: false,
      });
    } else if ((type === 'switchboard:releaseControl' || type === 'switchboard:passControl') && payload.reason === 'ticketClosed') {
      out.events.push({ kind: 'conversation.closed', conversationId, at: at(), reason: 'ticket_closed' });
    } else if (type === 'switchboard:passControl' && objectOr(conversation.activeSwitchboardIntegration).integrationType === 'zd:agentWorkspace') {
      // Control passed to the agents again (a new ticket): a closed conversation is open again.
      out.events.push({ kind: 'conversation.reopened', conversationId, at: at() });
    } else {
      out.ignoredTypes.push(type);
    }
  });
}

/** The first value a trigger really rendered: a non-empty string that is not a placeholder left as is. */
function rendered(...values: unknown[]): string | undefined {
  for (const v of values) {
    const s = optionalString(v)?.trim();
    if (s && !s.includes('{{')) return s;
  }
  return undefined;
}

/**
 * The CSAT trigger's body (docs/platforms.md): the rating as Zendesk renders it — good/bad in any letter
 * case, "Good, I'm satisfied", "Bad with comment", or 1–5 — joined to the SunCo conversation the trigger
 * names. Flat fields or the nested `ticket` / `satisfaction` objects are both read.
 */
function support(b: Record<string, unknown>, out: Collected, receivedAt: number) {
  const ticket = objectOr(b.ticket);
  const satisfaction = objectOr(b.satisfaction);
  const value = b.satisfaction_score ?? b.satisfaction_rating ?? b.rating ?? b.score ?? satisfaction.current_rating ?? satisfaction.score;
  const rating = readRating(value);
  if (!rating) {
    out.ignoredTypes.push(`csat:${String(value ?? 'none').toLowerCase()}`);
    return;
  }
  const ticketId = rendered(b.ticket_id, ticket.id);
  let conversationId = rendered(b.conversation_id, b.sunco_conversation_id, b.conversationId, ticket.conversation_id);
  if (!conversationId) {
    if (!ticketId) throw new PayloadError('conversation_id: the trigger body names no SunCo conversation and no ticket', 'conversation_id');
    conversationId = `zendesk-ticket-${ticketId}`;
    out.warnings.push(`CSAT for ticket ${ticketId} names no SunCo conversation; stored on conversation '${conversationId}'`);
  }
  if (rating.score === null) out.warnings.push(`CSAT rating '${rating.label}' could not be read; kept as its label`);
  out.events.push({
    kind: 'conversation.rated',
    conversationId,
    at: timeOr(rendered(b.updated_at, b.rated_at, ticket.updated_at), receivedAt, 'updated_at', out.warnings),
    rating: { ...rating, comment: rendered(b.satisfaction_comment, b.comment, satisfaction.current_comment, satisfaction.comment) },
    agentId: rendered(b.assignee_id, objectOr(ticket.assignee).id),
  });
}

export const zendeskAdapter: WebhookAdapter = {
  platform: 'zendesk',
  async verify({ headers, rawBody, secret, now }) {
    // One connection takes both products: SunCo sends the secret as X-API-Key, and the Support webhook of
    // the CSAT trigger can send it too (its "API key" authentication), so ratings land beside the
    // messages. A Support webhook may instead be verified by its own signature, keyed with the secret.
    const apiKey = headers.get('x-api-key');
    if (apiKey) return timingSafeEqual(apiKey, secret) ? { ok: true } : { ok: false, reason: 'X-API-Key does not match the webhook secret' };
    const signature = headers.get('x-zendesk-webhook-signature');
    if (signature) {
      const timestamp = headers.get('x-zendesk-webhook-signature-timestamp');
      if (!timestamp) return { ok: false, reason: 'X-Zendesk-Webhook-Signature-Timestamp header is required' };
      if (!withinTolerance(Date.parse(timestamp), now)) return { ok: false, reason: 'X-Zendesk-Webhook-Signature-Timestamp is outside the 5-minute tolerance' };
      const expected = await hmac('SHA-256', bytes(secret), concatBytes(bytes(timestamp), rawBody));
      const given = fromBase64(signature);
      return given && timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: 'X-Zendesk-Webhook-Signature does not match' };
    }
    return { ok: false, reason: 'X-API-Key (Sunshine Conversations, or a Support webhook with API-key authentication) or X-Zendesk-Webhook-Signature header is required' };
  },
  deliveryId: (headers, body) =>
    headers.get('x-zendesk-webhook-invocation-id') ??
    (Array.isArray((body as { events?: unknown[] })?.events) ? (body as { events: { id?: string }[] }).events.map((e) => e?.id ?? '').join(',') || null : null),
  normalise(body: unknown, { receivedAt }: NormaliseContext): NormalisedDelivery {
    const b = asObject(body, '');
    const out = collected();
    if ('events' in b) sunshine(b, out);
    else support(b, out, receivedAt);
    return out;
  },
};
