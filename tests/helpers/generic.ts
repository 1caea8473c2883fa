import { accepted, call } from './api';
import { connectionDb, countIn } from './stores';

/** Signs like a relay following the Standard Webhooks spec (independently of the verifier's code). */
export async function standardHeaders(secret: string, id: string, body: string, timestampSeconds = Math.floor(Date.now() / 1000)) {
  const key = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(`${id}.${timestampSeconds}.${body}`)));
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': `v1,${btoa(String.fromCharCode(...mac))}`,
  };
}

let delivery = 0;

export async function sendGeneric(connection: { id: string; secret: string }, payload: unknown, opts: { deliveryId?: string; timestamp?: number } = {}) {
  const body = JSON.stringify(payload);
  const id = opts.deliveryId ?? `dlv_${Date.now()}_${++delivery}`;
  return call('POST', `/webhooks/generic/${connection.id}`, { raw: body, headers: await standardHeaders(connection.secret, id, body, opts.timestamp) });
}

const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 21, 2, minute, second)).toISOString();

export const ev = {
  opened: (conversation: string, minute = 0, extra: Record<string, unknown> = {}) => ({
    type: 'conversation.opened',
    timestamp: at(minute),
    data: { platform: 'jd', store_ref: 'shop-1', conversation_id: conversation, opened_at: at(minute), customer: { id: 'c-1', name: '张先生' }, channel: 'web', locale: 'zh-CN', ...extra },
  }),
  message: (conversation: string, id: string, role: 'customer' | 'agent' | 'bot' | 'system', text: string, minute: number, second = 0, sender: Record<string, unknown> = {}) => ({
    type: 'message.created',
    timestamp: at(minute, second),
    data: {
      platform: 'jd',
      conversation_id: conversation,
      message_id: id,
      sender: { role, ...(role === 'agent' ? { id: 'agent-7', name: '小李' } : role === 'customer' ? { id: 'c-1', name: '张先生' } : {}), ...sender },
      text,
      content_type: 'text',
      created_at: at(minute, second),
    },
  }),
  closed: (conversation: string, minute: number) => ({
    type: 'conversation.closed',
    timestamp: at(minute),
    data: { platform: 'jd', conversation_id: conversation, closed_at: at(minute), closed_by: { role: 'agent', id: 'agent-7' }, reason: 'resolved' },
  }),
  rated: (conversation: string, score: number, scaleMax = 5, minute = 30) => ({
    type: 'conversation.rated',
    timestamp: at(minute),
    data: { platform: 'jd', conversation_id: conversation, rated_at: at(minute), rating: { score, scale_max: scaleMax, label: 'x', comment: '一般' } },
  }),
};

/**
 * Waits until the queue consumer has settled every delivery this test file sent to the connection
 * (processed, ignored or dead): the webhook writes nothing itself, so the consumer's counts are the signal.
 */
export async function drained(connectionId: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  const db = await connectionDb(connectionId);
  const want = accepted.get(connectionId) ?? 0;
  for (;;) {
    const settled = await countIn(db, 'select coalesce(sum(processed + ignored + dead), 0) as n from delivery_counts where connection_id = ?', connectionId);
    if (settled >= want) return;
    if (Date.now() > deadline) throw new Error(`queue not drained: ${want - settled} of ${want} deliveries not settled`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
