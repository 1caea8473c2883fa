import { bytes, hmac, timingSafeEqual, toHex } from '../crypto';
import { PayloadError, type NormaliseContext, type NormalisedDelivery, type Party, type SenderRole, type WebhookAdapter } from '../types';
import { asObject, asString, collected, htmlToText, objectOr, optionalString, readRating, timeOr, toEpochMs } from './shared';

/**
 * Intercom webhooks (notification_event; the conversation model of the REST API): `X-Hub-Signature:
 * sha1=<hex HMAC-SHA1 of the raw body>`, keyed with the app's client secret. A notification carries the
 * whole conversation item; ShopQA takes its source message and every conversation part (comments;
 * notes internal), `close` and `open` parts, and the conversation rating — rated at
 * `conversation_rating.updated_at` (its `created_at` is when the rating was requested). Writes are
 * idempotent on part ids, and a part's `updated_at` orders its versions.
 * Roles from author.type: admin = agent, bot (Fin, Operator) = bot, user/lead/contact = customer. An
 * admin part with no author id is attributed to the conversation's `admin_assignee_id`.
 */

function role(author: Record<string, unknown>): SenderRole {
  switch (author.type) {
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

function party(rawAuthor: unknown, assigneeId: string | undefined): Party {
  const author = objectOr(rawAuthor);
  const r = role(author);
  // A team is not a person: its replies count for the assignee, as an id-less admin reply does.
  const id = author.type === 'team' ? undefined : optionalString(author.id);
  if (r === 'agent' && !id && assigneeId) return { role: r, id: assigneeId };
  return { role: r, id, name: optionalString(author.name) };
}

const PUBLIC_PARTS = new Set(['comment', 'open', 'close', 'assign_and_reopen', 'quick_reply']);
const INTERNAL_PARTS = new Set(['note', 'assignment', 'note_and_reopen']);

function normalise(body: unknown, { receivedAt }: NormaliseContext): NormalisedDelivery {
  const b = asObject(body, '');
  const topic = asString(b.topic, 'topic');
  const out = collected();
  if (!topic.startsWith('conversation.')) return { ...out, ignoredTypes: [topic] };
  const item = asObject(asObject(b.data, 'data').item, 'data.item');
  const conversationId = asString(item.id, 'data.item.id');
  const createdAt = toEpochMs(item.created_at, 'data.item.created_at');
  const assigneeId = optionalString(item.admin_assignee_id);
  const source = objectOr(item.source);
  if (source.id !== undefined && typeof source.body === 'string') {
    const author = party(source.author, assigneeId);
    out.events.push({ kind: 'conversation.opened', conversationId, at: createdAt, customer: author.role === 'customer' ? { id: author.id, name: author.name } : undefined });
    out.events.push({
      kind: 'message.created',
      conversationId,
      messageId: `source-${asString(source.id, 'data.item.source.id')}`,
      at: createdAt,
      sender: author,
      text: htmlToText(source.body),
      contentType: 'text',
      internal: false,
    });
  }
  const parts = objectOr(item.conversation_parts).conversation_parts ?? [];
  if (!Array.isArray(parts)) throw new PayloadError('data.item.conversation_parts.conversation_parts: must be an array', 'data.item.conversation_parts.conversation_parts');
  parts.forEach((raw, i) => {
    const path = `data.item.conversation_parts.conversation_parts.${i}`;
    const part = asObject(raw, path);
    const type = asString(part.part_type, `${path}.part_type`);
    const at = toEpochMs(part.created_at, `${path}.created_at`);
    const author = party(part.author, assigneeId);
    if (type === 'close') out.events.push({ kind: 'conversation.closed', conversationId, at, closedBy: author, reason: 'closed' });
    if (type === 'open' || type === 'assign_and_reopen' || type === 'note_and_reopen') out.events.push({ kind: 'conversation.reopened', conversationId, at });
    if ((PUBLIC_PARTS.has(type) || INTERNAL_PARTS.has(type)) && typeof part.body === 'string' && part.body) {
      out.events.push({
        kind: 'message.created',
        conversationId,
        messageId: asString(part.id, `${path}.id`),
        at,
        sender: author,
        text: htmlToText(part.body),
        contentType: 'text',
        internal: INTERNAL_PARTS.has(type),
        version: timeOr(part.updated_at, at, `${path}.updated_at`, out.warnings),
      });
    }
  });
  const rating = objectOr(item.conversation_rating);
  const read = readRating(rating.rating);
  if (read) {
    if (read.score === null) out.warnings.push(`conversation_rating.rating '${read.label}' could not be read; kept as its label`);
    out.events.push({
      kind: 'conversation.rated',
      conversationId,
      at: timeOr(rating.updated_at ?? b.created_at ?? rating.created_at, receivedAt, 'data.item.conversation_rating.updated_at', out.warnings),
      rating: { ...read, comment: optionalString(rating.remark) },
      agentId: optionalString(objectOr(rating.teammate).id),
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
