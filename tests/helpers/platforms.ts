import { expect } from 'vitest';
import { BASE, call, createTestStore } from './api';
import { drained, standardHeaders } from './generic';
import { signers } from './platform-signers';

let sequence = 0;

/** A store with one connection of the platform, and a `send` that signs each body as that platform does. */
export async function platformSetup(platform: string, opts: { secret?: string; auth?: 'url_token' } = {}) {
  const store = await createTestStore();
  const created = await call('POST', '/v1/connections', {
    token: store.apiKey,
    body: { platform, name: `${platform} connection`, ...(opts.secret ? { secret: opts.secret } : {}), ...(opts.auth ? { auth: opts.auth } : {}) },
  });
  if (created.status !== 201) throw new Error(`connection: ${created.status} ${created.text}`);
  const connection = created.json as { id: string; secret: string; webhookUrl: string; urlToken?: string };
  const secret = connection.secret;
  const path = connection.webhookUrl.slice(BASE.length);

  /** Headers as the platform would sign this body (the same delivery id on purpose, when given, for a redelivery). */
  async function headersFor(body: unknown, raw: string, deliveryId?: string): Promise<Record<string, string>> {
    if (opts.auth === 'url_token') return { 'content-type': 'application/json' };
    switch (platform) {
      case 'chatwoot':
        return { ...(await signers.chatwoot(secret, raw)), 'x-chatwoot-delivery': deliveryId ?? `dlv-${++sequence}` };
      case 'zendesk':
        return (body as { events?: unknown }).events ? signers.zendeskSunshine(secret) : { ...(await signers.zendeskSupport(secret, raw)), ...(deliveryId ? { 'x-zendesk-webhook-invocation-id': deliveryId } : {}) };
      case 'intercom':
        return signers.intercom(secret, raw);
      case 'crisp':
        return signers.crisp(secret, body);
      case 'generic':
        return standardHeaders(secret, deliveryId ?? `dlv-${++sequence}`, raw);
      default:
        return { 'content-type': 'application/json' };
    }
  }

  async function send(body: unknown, o: { deliveryId?: string; expect?: number } = {}) {
    const raw = JSON.stringify(body);
    const res = await call('POST', path, { raw, headers: await headersFor(body, raw, o.deliveryId) });
    if (res.status !== (o.expect ?? 202)) throw new Error(`${platform} delivery: ${res.status} ${res.text}`);
    return res;
  }

  async function conversations() {
    await drained(connection.id);
    return (await call('GET', `/v1/conversations?connectionId=${connection.id}&limit=200`, { token: store.apiKey })).json.data as any[];
  }

  async function conversation(externalId: string) {
    await drained(connection.id);
    const list = await call('GET', `/v1/conversations?externalId=${encodeURIComponent(externalId)}`, { token: store.apiKey });
    expect(list.json.data, `conversation ${externalId}`).toHaveLength(1);
    return (await call('GET', `/v1/conversations/${list.json.data[0].id}`, { token: store.apiKey })).json;
  }

  async function agents() {
    return (await call('GET', '/v1/agents', { token: store.apiKey })).json.data as { id: string; name: string; externalIds: { externalId: string }[] }[];
  }

  /** The ShopQA agent id a platform agent id maps to. */
  async function agentFor(externalId: string) {
    const found = (await agents()).find((a) => a.externalIds.some((e) => e.externalId === externalId));
    return found?.id ?? null;
  }

  async function stats() {
    await drained(connection.id);
    return (await call('GET', `/v1/connections/${connection.id}`, { token: store.apiKey })).json.stats;
  }

  return { ...store, connection, secret, path, send, conversation, conversations, agents, agentFor, stats };
}

export type PlatformSetup = Awaited<ReturnType<typeof platformSetup>>;

/** The messages of a conversation as `role[:note] text` lines, in the order the API gives them. */
export const transcript = (conv: { messages: { role: string; internal: boolean; text: string }[] }) => conv.messages.map((m) => `${m.role}${m.internal ? ':note' : ''} ${m.text}`);
