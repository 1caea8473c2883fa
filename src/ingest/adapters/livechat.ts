import { timingSafeEqual } from '../crypto';
import type { NormaliseContext, NormalisedDelivery, NormalisedEvent, SenderRole, WebhookAdapter } from '../types';
import { asObject, asString, collected, objectOr, optionalString, readRating, toEpochMs, type Collected } from './shared';

/**
 * LiveChat webhooks (platform.text.com, management/webhooks v3.6; data structures of the Agent Chat API
 * in livechat/livechat-public-docs): the webhook's `secret_key` travels in the body and is compared with
 * the connection's secret.
 *
 * The unit is the **thread**: a chat holds one thread per session, and a returning customer's new
 * thread is a new conversation (its incoming_chat fires again). Events name only an `author_id`; who
 * that is comes from the platform's own statements — the chat's `users` (type customer/agent, `is_bot`),
 * user_added_to_chat, and bot_created/bot_updated for bot agents — kept in platform_users, so a message
 * that arrives before its author is known is corrected when the author is. Never from the id's shape.
 * Ratings are the thread property `rating.score` (0 bad / 1 good) and `rating.comment`
 * (thread_properties_updated). chat_deactivated closes the thread. LiveChat sends no time with
 * deactivations, property updates or event updates: those take the delivery's receipt time.
 */

function userRole(user: Record<string, unknown>): SenderRole | undefined {
  if (user.is_bot === true || user.type === 'bot') return 'bot';
  if (user.type === 'agent') return 'agent';
  if (user.type === 'customer') return 'customer';
  return undefined;
}

function participant(out: Collected, rawUser: unknown) {
  const user = objectOr(rawUser);
  const id = optionalString(user.id);
  const role = userRole(user);
  if (id && role) out.events.push({ kind: 'participant.seen', externalId: id, role, name: optionalString(user.name) });
}

const MESSAGE_EVENTS = new Set(['message', 'system_message', 'system', 'file', 'filled_form', 'rich_message']);

function messageEvent(threadId: string, raw: unknown, path: string, roles: Map<string, { role: SenderRole; name?: string }>): NormalisedEvent | null {
  const e = asObject(raw, path);
  const type = optionalString(e.type) ?? '';
  if (!MESSAGE_EVENTS.has(type)) return null;
  const at = toEpochMs(e.created_at, `${path}.created_at`);
  const base = { kind: 'message.created' as const, conversationId: threadId, messageId: asString(e.id, `${path}.id`), at, internal: e.visibility === 'agents', contentType: type };
  if (type === 'system_message' || type === 'system') return { ...base, sender: { role: 'system' }, text: typeof e.text === 'string' ? e.text : optionalString(e.subtype) ?? '' };
  const author = optionalString(e.author_id);
  const known = author ? roles.get(author) : undefined;
  const text = typeof e.text === 'string' ? e.text : type === 'file' ? `[file] ${optionalString(e.name) ?? optionalString(e.url) ?? ''}`.trim() : type === 'filled_form' ? '[form]' : '';
  // Until the platform says who the author is, the message counts as the customer's (no agent record is made).
  return { ...base, sender: { role: known?.role ?? 'customer', id: author, name: known?.name }, text, roleFromRegistry: !!author };
}

/** Thread properties: `{rating: {score, comment}}`, values plain (v3.3+) or wrapped in `{value}` (earlier). */
function ratingOf(properties: unknown) {
  const rating = objectOr(objectOr(properties).rating);
  const plain = (v: unknown) => (v && typeof v === 'object' && 'value' in (v as object) ? (v as { value: unknown }).value : v);
  return { score: plain(rating.score), comment: plain(rating.comment), present: 'score' in rating || 'comment' in rating };
}

function normalise(body: unknown, { receivedAt }: NormaliseContext): NormalisedDelivery {
  const b = asObject(body, '');
  const action = asString(b.action, 'action');
  const payload = asObject(b.payload, 'payload');
  const out = collected();
  const threadOf = () => asString(payload.thread_id, 'payload.thread_id');
  switch (action) {
    case 'incoming_chat': {
      const chat = asObject(payload.chat, 'payload.chat');
      const users = Array.isArray(chat.users) ? chat.users.map(objectOr) : [];
      for (const u of users) participant(out, u);
      const roles = new Map(users.flatMap((u) => (userRole(u) && optionalString(u.id) ? [[String(u.id), { role: userRole(u)!, name: optionalString(u.name) }] as const] : [])));
      const thread = asObject(chat.thread, 'payload.chat.thread');
      const threadId = asString(thread.id, 'payload.chat.thread.id');
      const customer = users.find((u) => u.type === 'customer');
      out.events.push({ kind: 'conversation.opened', conversationId: threadId, at: toEpochMs(thread.created_at, 'payload.chat.thread.created_at'), customer: customer ? { id: optionalString(customer.id), name: optionalString(customer.name) } : undefined });
      (Array.isArray(thread.events) ? thread.events : []).forEach((e, i) => {
        const event = messageEvent(threadId, e, `payload.chat.thread.events.${i}`, roles);
        if (event) out.events.push(event);
      });
      break;
    }
    case 'incoming_event': {
      const event = messageEvent(threadOf(), payload.event, 'payload.event', new Map());
      if (event) out.events.push(event);
      else out.ignoredTypes.push(`${action}:${String(objectOr(payload.event).type)}`);
      break;
    }
    case 'event_updated': {
      const e = asObject(payload.event, 'payload.event');
      if (typeof e.text === 'string') out.events.push({ kind: 'message.edited', conversationId: threadOf(), messageId: asString(e.id, 'payload.event.id'), at: receivedAt, text: e.text });
      else out.ignoredTypes.push(`${action}:${String(e.type)}`);
      break;
    }
    case 'chat_deactivated':
      out.events.push({ kind: 'conversation.closed', conversationId: threadOf(), at: receivedAt, reason: 'deactivated' });
      break;
    case 'thread_properties_updated':
    case 'chat_properties_updated': {
      const { score, comment, present } = ratingOf(payload.properties);
      const threadId = optionalString(payload.thread_id);
      if (!present || !threadId) {
        out.ignoredTypes.push(action);
        break;
      }
      const read = readRating(score, { thumbs: true });
      if (read?.score === null) out.warnings.push(`rating.score '${read.label}' could not be read; kept as its label`);
      out.events.push({ kind: 'conversation.rated', conversationId: threadId, at: receivedAt, rating: { ...read, comment: optionalString(comment) } });
      break;
    }
    case 'user_added_to_chat':
      participant(out, payload.user);
      if (!out.events.length) out.ignoredTypes.push(action);
      break;
    case 'bot_created':
    case 'bot_updated':
      if (optionalString(payload.id)) out.events.push({ kind: 'participant.seen', externalId: String(payload.id), role: 'bot', name: optionalString(payload.name) });
      else out.ignoredTypes.push(action);
      break;
    default:
      out.ignoredTypes.push(action);
  }
  return out;
}

export const livechatAdapter: WebhookAdapter = {
  platform: 'livechat',
  async verify({ body, secret }) {
    const key = (body as { secret_key?: unknown })?.secret_key;
    if (typeof key !== 'string' || !key) return { ok: false, reason: 'secret_key is missing from the body' };
    return timingSafeEqual(key, secret) ? { ok: true } : { ok: false, reason: 'secret_key does not match' };
  },
  deliveryId: () => null,
  normalise,
};
