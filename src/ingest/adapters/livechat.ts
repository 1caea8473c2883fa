import { timingSafeEqual } from '../crypto';
import type { NormalisedDelivery, NormalisedEvent, SenderRole, WebhookAdapter } from '../types';
import { asObject, asString, optionalString, toEpochMs } from './shared';

/**
 * LiveChat webhooks (Configuration API v3.x): the webhook's `secret_key` travels in the body and is
 * compared with the connection's secret. incoming_chat → opened + its thread's messages; incoming_event
 * → a message; chat_deactivated → closed; chat_properties_updated with a rating → rated.
 * LiveChat agent ids are their login e-mails, customer ids are not: that tells the roles apart when
 * an event names only its author.
 */

function roleOf(authorId: string, users: Map<string, string>): SenderRole {
  const type = users.get(authorId);
  if (type === 'customer') return 'customer';
  if (type === 'agent') return authorId.includes('@') ? 'agent' : 'bot';
  return authorId.includes('@') ? 'agent' : 'customer';
}

function messageEvent(chatId: string, raw: unknown, path: string, users: Map<string, string>, names: Map<string, string>): NormalisedEvent | null {
  const e = asObject(raw, path);
  if (e.type !== 'message' && e.type !== 'system_message') return null;
  const author = optionalString(e.author_id) ?? 'system';
  return {
    kind: 'message.created',
    conversationId: chatId,
    messageId: asString(e.id, `${path}.id`),
    at: toEpochMs(e.created_at, `${path}.created_at`),
    sender: e.type === 'system_message' ? { role: 'system' } : { role: roleOf(author, users), id: author, name: names.get(author) },
    text: typeof e.text === 'string' ? e.text : '',
    contentType: 'text',
    internal: e.visibility === 'agents',
  };
}

function normalise(body: unknown): NormalisedDelivery {
  const b = asObject(body, '');
  const action = asString(b.action, 'action');
  const payload = asObject(b.payload, 'payload');
  const out: NormalisedDelivery = { events: [], ignoredTypes: [] };
  if (action === 'incoming_chat') {
    const chat = asObject(payload.chat, 'payload.chat');
    const chatId = asString(chat.id, 'payload.chat.id');
    // Entries that are not objects name no one: skipped, like users LiveChat does not send.
    const users = (Array.isArray(chat.users) ? chat.users : []).filter((u): u is Record<string, unknown> => !!u && typeof u === 'object' && !Array.isArray(u));
    const types = new Map(users.map((u) => [String(u.id), String(u.type)]));
    const names = new Map(users.map((u) => [String(u.id), String(u.name ?? '')]));
    const thread = asObject(chat.thread, 'payload.chat.thread');
    const customer = users.find((u) => u.type === 'customer');
    out.events.push({ kind: 'conversation.opened', conversationId: chatId, at: toEpochMs(thread.created_at, 'payload.chat.thread.created_at'), customer: customer ? { id: optionalString(customer.id), name: optionalString(customer.name) } : undefined });
    (Array.isArray(thread.events) ? thread.events : []).forEach((e, i) => {
      const event = messageEvent(chatId, e, `payload.chat.thread.events.${i}`, types, names);
      if (event) out.events.push(event);
    });
  } else if (action === 'incoming_event') {
    const event = messageEvent(asString(payload.chat_id, 'payload.chat_id'), payload.event, 'payload.event', new Map(), new Map());
    if (event) out.events.push(event);
    else out.ignoredTypes.push(`${action}:${String((payload.event as Record<string, unknown> | undefined)?.type)}`);
  } else if (action === 'chat_deactivated') {
    out.events.push({ kind: 'conversation.closed', conversationId: asString(payload.chat_id, 'payload.chat_id'), at: toEpochMs(payload.deactivated_at ?? b.created_at ?? Date.now(), 'payload.deactivated_at'), closedBy: payload.user_id ? { role: 'agent', id: String(payload.user_id) } : undefined, reason: 'deactivated' });
  } else if (action === 'chat_properties_updated') {
    const rating = ((payload.properties as Record<string, Record<string, { value?: unknown }>> | undefined)?.rating ?? {}) as Record<string, { value?: unknown }>;
    const score = rating.score?.value;
    if (score === 0 || score === 1) {
      out.events.push({ kind: 'conversation.rated', conversationId: asString(payload.chat_id, 'payload.chat_id'), at: toEpochMs(b.created_at ?? Date.now(), 'created_at'), rating: { score: score === 1 ? 5 : 1, label: score === 1 ? 'good' : 'bad', comment: optionalString(rating.comment?.value) } });
    } else out.ignoredTypes.push(action);
  } else {
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
