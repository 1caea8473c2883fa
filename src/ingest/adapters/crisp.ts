import { bytes, hmac, timingSafeEqual, toHex, withinTolerance } from '../crypto';
import type { NormalisedDelivery, SenderRole, WebhookAdapter } from '../types';
import { asObject, asString, optionalString, toEpochMs } from './shared';

/**
 * Crisp web hooks: `X-Crisp-Signature` is the hex HMAC-SHA256, keyed with the hook's secret, of
 * `[{X-Crisp-Request-Timestamp};{JSON.stringify(body)}]` — computed by Crisp over its serialised JSON,
 * so it is checked against the parsed body re-serialised, the one platform where that is right.
 * message:send (visitor) → customer; message:received (operator) → agent, or bot when automated;
 * notes → internal; session:set_state to resolved → closed.
 */

function role(data: Record<string, unknown>): SenderRole {
  if (data.from === 'user') return 'customer';
  const origin = optionalString(data.origin) ?? '';
  if (data.automated === true || origin.startsWith('urn:')) return 'bot';
  return 'agent';
}

function normalise(body: unknown): NormalisedDelivery {
  const b = asObject(body, '');
  const event = asString(b.event, 'event');
  const data = asObject(b.data, 'data');
  if (event === 'message:send' || event === 'message:received') {
    const user = (data.user ?? {}) as Record<string, unknown>;
    const content = data.content;
    return {
      events: [
        {
          kind: 'message.created',
          conversationId: asString(data.session_id, 'data.session_id'),
          messageId: asString(data.fingerprint, 'data.fingerprint'),
          at: toEpochMs(data.timestamp ?? b.timestamp, 'data.timestamp'),
          sender: { role: role(data), id: optionalString(user.user_id), name: optionalString(user.nickname) },
          text: typeof content === 'string' ? content : JSON.stringify(content ?? ''),
          contentType: optionalString(data.type) ?? 'text',
          internal: data.type === 'note',
        },
      ],
      ignoredTypes: [],
    };
  }
  if (event === 'session:set_state' && data.state === 'resolved') {
    return { events: [{ kind: 'conversation.closed', conversationId: asString(data.session_id, 'data.session_id'), at: toEpochMs(b.timestamp, 'timestamp'), reason: 'resolved' }], ignoredTypes: [] };
  }
  return { events: [], ignoredTypes: [event] };
}

export const crispAdapter: WebhookAdapter = {
  platform: 'crisp',
  async verify({ headers, body, secret, now }) {
    const signature = headers.get('x-crisp-signature');
    const timestamp = headers.get('x-crisp-request-timestamp');
    if (!signature || !timestamp) return { ok: false, reason: 'X-Crisp-Signature and X-Crisp-Request-Timestamp headers are required' };
    if (!/^\d+$/.test(timestamp) || !withinTolerance(toEpochMs(Number(timestamp), 'timestamp'), now)) return { ok: false, reason: 'X-Crisp-Request-Timestamp is outside the 5-minute tolerance' };
    const expected = toHex(await hmac('SHA-256', bytes(secret), bytes(`[${timestamp};${JSON.stringify(body)}]`)));
    return timingSafeEqual(signature, expected) ? { ok: true } : { ok: false, reason: 'X-Crisp-Signature does not match' };
  },
  deliveryId: () => null,
  normalise,
};
