import { createHmac } from 'node:crypto';
import { seededRng } from '../../src/lib/random';
import { signStandardWebhook } from './standard-webhooks';

/**
 * The load run's deliveries: webhooks of six platforms in each one's own shape and signature,
 * generated from a seed, with redeliveries (the same delivery again) and the same message arriving
 * in a new delivery, as platforms do when they retry. Each says which message ids it carries, so
 * the run can check every accepted message was stored exactly once.
 */
export const LOAD_PLATFORMS = ['generic', 'chatwoot', 'intercom', 'crisp', 'livechat', 'zendesk'] as const;
export type LoadPlatform = (typeof LOAD_PLATFORMS)[number];

export const LOAD_SECRETS: Record<LoadPlatform, string> = {
  generic: 'whsec_bG9hZC1ydW4tZ2VuZXJpYy1zZWNyZXQtMDEyMzQ1Njc4OQ==',
  chatwoot: 'load-chatwoot-secret',
  intercom: 'load-intercom-secret',
  crisp: 'load-crisp-secret',
  livechat: 'load-livechat-secret',
  zendesk: 'load-zendesk-secret',
};

export interface LoadDelivery {
  platform: LoadPlatform;
  body: string;
  /** Headers signed at send time, so the platforms' timestamp tolerances hold however long the run takes. */
  headers: () => Record<string, string>;
  messageIds: string[];
}

const TEXTS = ['你好，这个还有货吗？', '亲，有货的，今天下单明天发', 'Where is my parcel?', 'Your order ships today.', '可以开发票吗', '好的，谢谢'];
const hmacHex = (algorithm: string, key: string, data: string) => createHmac(algorithm, key).update(data).digest('hex');
const json = { 'content-type': 'application/json' };

function build(platform: LoadPlatform, conv: string, msg: string, at: Date, text: string, customer: boolean, deliveryId: string): LoadDelivery {
  const secret = LOAD_SECRETS[platform];
  const iso = at.toISOString();
  switch (platform) {
    case 'generic': {
      const body = JSON.stringify({ type: 'message.created', timestamp: iso, data: { platform: 'jd', conversation_id: conv, message_id: msg, sender: customer ? { role: 'customer', id: `c-${conv}` } : { role: 'agent', id: 'agent-1', name: '客服一号' }, text, created_at: iso } });
      return { platform, body, messageIds: [msg], headers: () => signStandardWebhook(secret, deliveryId, body) };
    }
    case 'chatwoot': {
      const body = JSON.stringify({ event: 'message_created', id: msg, content: text, created_at: iso, message_type: customer ? 'incoming' : 'outgoing', private: false, sender: customer ? { id: 501, name: 'Li', type: 'contact' } : { id: 7, name: 'Wang', type: 'user' }, conversation: { id: conv }, account: { id: 1 } });
      return { platform, body, messageIds: [msg], headers: () => { const ts = Math.floor(Date.now() / 1000); return { ...json, 'x-chatwoot-delivery': deliveryId, 'x-chatwoot-timestamp': String(ts), 'x-chatwoot-signature': `sha256=${hmacHex('sha256', secret, `${ts}.${body}`)}` }; } };
    }
    case 'intercom': {
      const unix = Math.floor(at.getTime() / 1000);
      const part = { type: 'conversation_part', id: msg, part_type: 'comment', body: `<p>${text}</p>`, created_at: unix, author: customer ? { type: 'user', id: `u-${conv}` } : { type: 'admin', id: 'adm_1', name: 'Anna' } };
      const source = { type: 'conversation', id: `${conv}-src`, body: '<p>Hi</p>', author: { type: 'user', id: `u-${conv}` } };
      const body = JSON.stringify({ type: 'notification_event', id: deliveryId, topic: customer ? 'conversation.user.replied' : 'conversation.admin.replied', created_at: unix, data: { item: { type: 'conversation', id: conv, created_at: unix - 60, source, conversation_parts: { conversation_parts: [part] } } } });
      return { platform, body, messageIds: [msg, `source-${conv}-src`], headers: () => ({ ...json, 'x-hub-signature': `sha1=${hmacHex('sha1', secret, body)}` }) };
    }
    case 'crisp': {
      const parsed = { website_id: 'site-1', event: customer ? 'message:send' : 'message:received', data: { website_id: 'site-1', session_id: conv, type: 'text', from: customer ? 'user' : 'operator', origin: 'chat', content: text, fingerprint: msg, user: customer ? { user_id: `v-${conv}` } : { user_id: 'op-1', nickname: '小周' }, timestamp: at.getTime() }, timestamp: at.getTime() };
      const body = JSON.stringify(parsed);
      return { platform, body, messageIds: [msg], headers: () => { const ts = Date.now(); return { ...json, 'x-crisp-request-timestamp': String(ts), 'x-crisp-signature': hmacHex('sha256', secret, `[${ts};${body}]`) }; } };
    }
    case 'livechat': {
      const body = JSON.stringify({ webhook_id: deliveryId, secret_key: secret, action: 'incoming_event', payload: { chat_id: `chat-${conv}`, thread_id: conv, event: { id: msg, type: 'message', text, author_id: customer ? `cust-${conv}` : 'agent@shop.example', created_at: iso, visibility: 'all' } } });
      return { platform, body, messageIds: [msg], headers: () => json };
    }
    case 'zendesk': {
      const author = customer ? { type: 'user', userId: `user-${conv}`, displayName: '王女士' } : { type: 'business', displayName: 'Agent Zhao', subtypes: [] };
      const body = JSON.stringify({ app: { id: 'app_1' }, webhook: { id: 'wh_1', version: 'v2' }, events: [{ id: `evt-${deliveryId}`, createdAt: iso, type: 'conversation:message', payload: { conversation: { id: conv, type: 'personal' }, message: { id: msg, received: iso, author, content: { type: 'text', text }, source: { type: 'web' } } } }] });
      return { platform, body, messageIds: [msg], headers: () => ({ ...json, 'x-api-key': secret }) };
    }
  }
}

/**
 * `total` requests: about 90% new deliveries, 7% exact redeliveries of earlier ones, 3% an earlier
 * message in a new delivery (a new delivery id, or for LiveChat, whose id is the body's hash, a new webhook_id).
 */
export function loadDeliveries(total: number, seed = 'load-run', start = Date.now() - 3600_000): LoadDelivery[] {
  const rng = seededRng(seed);
  const weights: [LoadPlatform, number][] = [['generic', 0.3], ['chatwoot', 0.2], ['intercom', 0.15], ['crisp', 0.15], ['livechat', 0.1], ['zendesk', 0.1]];
  const pick = () => {
    let x = rng.next();
    for (const [p, w] of weights) if ((x -= w) < 0) return p;
    return 'generic' as const;
  };
  const out: LoadDelivery[] = [];
  const made: { platform: LoadPlatform; conv: string; msg: string; at: Date; text: string; customer: boolean }[] = [];
  for (let i = 0; i < total; i++) {
    const roll = rng.next();
    if (roll < 0.07 && out.length) out.push(out[rng.int(out.length)]!);
    else if (roll < 0.1 && made.length) {
      const m = made[rng.int(made.length)]!;
      out.push(build(m.platform, m.conv, m.msg, m.at, m.text, m.customer, `load-again-${i}`));
    } else {
      const platform = pick();
      const m = { platform, conv: `load-${platform}-c${rng.int(Math.ceil(total / 60))}`, msg: `load-${platform}-m${i}`, at: new Date(start + i * 250), text: TEXTS[rng.int(TEXTS.length)]!, customer: rng.next() < 0.5 };
      made.push(m);
      out.push(build(m.platform, m.conv, m.msg, m.at, m.text, m.customer, `load-d${i}`));
    }
  }
  return out;
}

