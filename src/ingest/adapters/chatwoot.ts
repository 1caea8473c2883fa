import { bytes, concatBytes, hmac, timingSafeEqual, toHex, withinTolerance } from '../crypto';
import type { NormaliseContext, NormalisedDelivery, Party, WebhookAdapter } from '../types';
import { asObject, asString, collected, objectOr, optionalString, readRating, timeOr, toEpochMs } from './shared';

/**
 * Chatwoot account webhooks (Message#webhook_data, Conversation#webhook_data = Conversations::
 * EventDataPresenter#push_data in chatwoot/chatwoot). Signed when the webhook has a secret (4.11.2+):
 * `X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of "{X-Chatwoot-Timestamp}.{raw body}">`; older
 * installs send no signature and use a URL-token connection instead.
 *
 * The unit is the conversation's display id (what push_data calls `id`). Roles come from what Chatwoot
 * says: message_type incoming = customer, activity and template (the CSAT survey prompt, greetings) =
 * system; outgoing by sender.type — user = agent, agent_bot and captain_assistant = bot — and outgoing
 * with no sender is an agent message attributed to the conversation's assignee (meta.assignee), or left
 * unattributed. message_updated of the input_csat message carries the CSAT rating; any other
 * message_updated is an announced edit.
 */

const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'] as const;
const messageType = (value: unknown) => (typeof value === 'number' ? MESSAGE_TYPES[value] : value);

/** The conversation's display id: push_data names it `id`; a payload with both prefers `display_id`. */
function conversationRef(conversation: Record<string, unknown>, field: string): string {
  return asString(conversation.display_id ?? conversation.id, field);
}

function sender(b: Record<string, unknown>, conversation: Record<string, unknown>): Party {
  const from = objectOr(b.sender);
  const id = optionalString(from.id);
  const name = optionalString(from.name);
  switch (messageType(b.message_type)) {
    case 'incoming':
      return { role: 'customer', id, name };
    case 'activity':
    case 'template':
      return { role: 'system' };
  }
  if (from.type === 'agent_bot' || from.type === 'captain_assistant') return { role: 'bot', id, name };
  // Automation rules and campaigns post outgoing messages in no person's name.
  const attributes = objectOr(b.content_attributes);
  if (attributes.automation_rule_id !== undefined || objectOr(b.additional_attributes).campaign_id !== undefined) return { role: 'bot', name: name ?? 'automation' };
  if (id) return { role: 'agent', id, name };
  const assignee = objectOr(objectOr(conversation.meta).assignee);
  if (assignee.id !== undefined && (assignee.type === undefined || assignee.type === 'user')) return { role: 'agent', id: optionalString(assignee.id), name: optionalString(assignee.name) };
  return { role: 'agent' };
}

function normalise(body: unknown, { receivedAt }: NormaliseContext): NormalisedDelivery {
  const b = asObject(body, '');
  const event = asString(b.event, 'event');
  const out = collected();
  switch (event) {
    case 'message_created': {
      const conversation = asObject(b.conversation, 'conversation');
      const at = toEpochMs(b.created_at, 'created_at');
      out.events.push({
        kind: 'message.created',
        conversationId: conversationRef(conversation, 'conversation.id'),
        messageId: asString(b.id, 'id'),
        at,
        sender: sender(b, conversation),
        text: typeof b.content === 'string' ? b.content : '',
        contentType: optionalString(b.content_type) ?? 'text',
        internal: b.private === true,
        version: timeOr(b.updated_at, at, 'updated_at', out.warnings),
      });
      break;
    }
    case 'message_updated': {
      const conversation = asObject(b.conversation, 'conversation');
      const conversationId = conversationRef(conversation, 'conversation.id');
      // The message itself carries no update time; the conversation is touched by the update.
      const at = timeOr(b.updated_at ?? conversation.updated_at, receivedAt, 'conversation.updated_at', out.warnings);
      if (b.content_type === 'input_csat') {
        const response = objectOr(objectOr(objectOr(b.content_attributes).submitted_values).csat_survey_response);
        const rating = readRating(response.rating);
        if (!rating) {
          out.ignoredTypes.push('message_updated:input_csat');
          break;
        }
        if (rating.score === null) out.warnings.push(`CSAT rating '${rating.label}' could not be read; kept as its label`);
        const assignee = objectOr(objectOr(conversation.meta).assignee);
        out.events.push({ kind: 'conversation.rated', conversationId, at, rating: { ...rating, comment: optionalString(response.feedback_message) }, agentId: optionalString(assignee.id) });
        break;
      }
      if (typeof b.content !== 'string') {
        out.ignoredTypes.push(event);
        break;
      }
      out.events.push({ kind: 'message.edited', conversationId, messageId: asString(b.id, 'id'), at, text: b.content });
      break;
    }
    case 'conversation_created': {
      const contact = objectOr(objectOr(b.meta).sender);
      out.events.push({
        kind: 'conversation.opened',
        conversationId: conversationRef(b, 'id'),
        at: toEpochMs(b.created_at ?? b.timestamp, 'created_at'),
        customer: { id: optionalString(contact.id), name: optionalString(contact.name) },
        channel: optionalString(b.channel),
      });
      break;
    }
    case 'conversation_status_changed':
    case 'conversation_resolved': {
      const status = event === 'conversation_resolved' ? 'resolved' : b.status;
      const at = timeOr(b.updated_at ?? b.timestamp, receivedAt, 'updated_at', out.warnings);
      const conversationId = conversationRef(b, 'id');
      if (status === 'resolved') out.events.push({ kind: 'conversation.closed', conversationId, at, reason: 'resolved' });
      else if (status === 'open') out.events.push({ kind: 'conversation.reopened', conversationId, at });
      else out.ignoredTypes.push(`${event}:${String(status)}`);
      break;
    }
    default:
      out.ignoredTypes.push(event);
  }
  return out;
}

export const chatwootAdapter: WebhookAdapter = {
  platform: 'chatwoot',
  async verify({ headers, rawBody, secret, now }) {
    const signature = headers.get('x-chatwoot-signature');
    const timestamp = headers.get('x-chatwoot-timestamp');
    if (!signature || !timestamp) return { ok: false, reason: 'X-Chatwoot-Signature and X-Chatwoot-Timestamp headers are required (Chatwoot before 4.11.2 does not sign: use a url_token connection)' };
    if (!/^\d+$/.test(timestamp) || !withinTolerance(Number(timestamp) * 1000, now)) return { ok: false, reason: 'X-Chatwoot-Timestamp is outside the 5-minute tolerance' };
    const expected = `sha256=${toHex(await hmac('SHA-256', bytes(secret), concatBytes(bytes(`${timestamp}.`), rawBody)))}`;
    return timingSafeEqual(signature, expected) ? { ok: true } : { ok: false, reason: 'X-Chatwoot-Signature does not match' };
  },
  deliveryId: (headers) => headers.get('x-chatwoot-delivery'),
  normalise,
};
