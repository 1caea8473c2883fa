/** Sign as each platform does (independently of the adapters' code), for tests. */

async function mac(hash: 'SHA-256' | 'SHA-1', key: string, data: string) {
  const k = await crypto.subtle.importKey('raw', new TextEncoder().encode(key), { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, new TextEncoder().encode(data)));
}
const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export const signers = {
  async chatwoot(secret: string, raw: string, ts = nowSeconds()) {
    return { 'content-type': 'application/json', 'x-chatwoot-timestamp': String(ts), 'x-chatwoot-signature': `sha256=${hex(await mac('SHA-256', secret, `${ts}.${raw}`))}` };
  },
  async zendeskSupport(secret: string, raw: string, ts = new Date().toISOString()) {
    return { 'content-type': 'application/json', 'x-zendesk-webhook-signature-timestamp': ts, 'x-zendesk-webhook-signature': b64(await mac('SHA-256', secret, ts + raw)), 'x-zendesk-webhook-invocation-id': `inv-${Math.random()}` };
  },
  async zendeskSunshine(secret: string) {
    return { 'content-type': 'application/json', 'x-api-key': secret };
  },
  async intercom(secret: string, raw: string) {
    return { 'content-type': 'application/json', 'x-hub-signature': `sha1=${hex(await mac('SHA-1', secret, raw))}` };
  },
  async crisp(secret: string, body: unknown, ts = Date.now()) {
    return { 'content-type': 'application/json', 'x-crisp-request-timestamp': String(ts), 'x-crisp-signature': hex(await mac('SHA-256', secret, `[${ts};${JSON.stringify(body)}]`)) };
  },
};
