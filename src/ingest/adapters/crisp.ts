import { bytes, hmac, timingSafeEqual, toHex, withinTolerance } from '../crypto';
import type { NormaliseContext, NormalisedDelivery, Party, WebhookAdapter } from '../types';
import { asObject, asString, collected, objectOr, optionalString, readRating, timeOr, toEpochMs } from './shared';

/**
 * Crisp hooks (docs.crisp.chat guides/web-hooks; event payloads as mapped by crisp-im/go-crisp-api
 * events.go). Plugin hooks are signed: `X-Crisp-Signature` is the hex HMAC-SHA256, keyed with the hook's
 * secret, of `[{X-Crisp-Request-Timestamp};{JSON.stringify(body)}]` — computed by Crisp over its
 * serialised JSON, so checked against the parsed body re-serialised, the one platform where that is
 * right. Website hooks are not signed: they use a URL-token connection.
 *
 * The unit is the session (`session_id`). message:send (from user) = customer; message:received (from
 * operator) = agent by `user.user_id`, or bot when Crisp marks it `automated`; `note` = internal;
 * message:updated = an announced edit; session:sync:rating = stars 1–5 and comment;
 * session:set_state resolved = closed (unresolved/pending again = reopened).
 */

function sender(data: Record<string, unknown>): Party {
  const user = objectOr(data.user);
  const id = optionalString(user.user_id);
  const name = optionalString(user.nickname);
  if (data.from === 'user') return { role: 'customer', id, name };
  if (data.automated === true || user.type === 'bot') return { role: 'bot', id, name };
  return { role: 'agent', id, name };
}

const content = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value));

function normalise(body: unknown, { receivedAt }: NormaliseContext): NormalisedDelivery {
  const b = asObject(body, '');
  const event = asString(b.event, 'event');
  const data = asObject(b.data, 'data');
  const out = collected();
  const sessionId = () => asString(data.session_id, 'data.session_id');
  const eventTime = () => timeOr(b.timestamp, receivedAt, 'timestamp', out.warnings);
  switch (event) {
    case 'message:send':
    case 'message:received': {
      const at = toEpochMs(data.timestamp ?? b.timestamp, 'data.timestamp');
      out.events.push({
        kind: 'message.created',
        conversationId: sessionId(),
        messageId: asString(data.fingerprint, 'data.fingerprint'),
        at,
        sender: sender(data),
        text: content(data.content),
        contentType: optionalString(data.type) ?? 'text',
        internal: data.type === 'note',
      });
      break;
    }
    case 'message:updated':
      out.events.push({ kind: 'message.edited', conversationId: sessionId(), messageId: asString(data.fingerprint, 'data.fingerprint'), at: eventTime(), text: content(data.content) });
      break;
    case 'session:sync:rating': {
      const rating = objectOr(data.rating);
      const read = readRating(rating.stars);
      if (read?.score === null) out.warnings.push(`rating.stars '${read.label}' could not be read; kept as its label`);
      if (!read && rating.comment === undefined) {
        out.ignoredTypes.push(event);
        break;
      }
      out.events.push({ kind: 'conversation.rated', conversationId: sessionId(), at: eventTime(), rating: { ...read, comment: optionalString(rating.comment) } });
      break;
    }
    case 'session:set_state':
      if (data.state === 'resolved') out.events.push({ kind: 'conversation.closed', conversationId: sessionId(), at: eventTime(), reason: 'resolved' });
      else if (data.state === 'unresolved' || data.state === 'pending') out.events.push({ kind: 'conversation.reopened', conversationId: sessionId(), at: eventTime() });
      else out.ignoredTypes.push(`${event}:${String(data.state)}`);
      break;
    default:
      out.ignoredTypes.push(event);
  }
  return out;
}

export const crispAdapter: WebhookAdapter = {
  platform: 'crisp',
  async verify({ headers, body, secret, now }) {
    const signature = headers.get('x-crisp-signature');
    const timestamp = headers.get('x-crisp-request-timestamp');
    if (!signature || !timestamp) return { ok: false, reason: 'X-Crisp-Signature and X-Crisp-Request-Timestamp headers are required (Crisp website hooks are not signed: use a url_token connection)' };
    if (!/^\d+$/.test(timestamp) || !withinTolerance(toEpochMs(Number(timestamp), 'timestamp'), now)) return { ok: false, reason: 'X-Crisp-Request-Timestamp is outside the 5-minute tolerance' };
    const expected = toHex(await hmac('SHA-256', bytes(secret), bytes(`[${timestamp};${JSON.stringify(body)}]`)));
    return timingSafeEqual(signature, expected) ? { ok: true } : { ok: false, reason: 'X-Crisp-Signature does not match' };
  },
  deliveryId: () => null,
  normalise,
};
