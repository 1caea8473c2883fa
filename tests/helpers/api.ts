import { exports } from 'cloudflare:workers';

export const BASE = 'https://shopqa.test';

/** Webhook deliveries answered 202, by connection: what `drained` waits for the consumer to settle. */
export const accepted = new Map<string, number>();
export const OPERATOR_TOKEN = 'op_test_token';

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** A body sent as is (bytes or text), for webhook and malformed-input tests. */
  raw?: BodyInit;
  headers?: Record<string, string>;
}

/** Calls the real Worker (its default export's fetch) inside the test runtime. */
export async function call(method: string, path: string, opts: CallOptions = {}) {
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set('authorization', `Bearer ${opts.token}`);
  let body: BodyInit | undefined = opts.raw;
  if (opts.body !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(opts.body);
  }
  const res = await (exports as unknown as { default: Fetcher }).default.fetch(new Request(`${BASE}${path}`, { method, headers, body }));
  const text = await res.text();
  const webhook = method === 'POST' ? path.match(/^\/webhooks\/[^/]+\/([^/?]+)/) : null;
  if (webhook && res.status === 202) accepted.set(webhook[1]!, (accepted.get(webhook[1]!) ?? 0) + 1);
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json, text, headers: res.headers };
}

let counter = 0;

/** A fresh store with its API key; every test file and most tests make their own. */
export async function createTestStore(overrides: { name?: string; timezone?: string; locale?: 'zh-CN' | 'en' } = {}) {
  const res = await call('POST', '/v1/operator/stores', {
    token: OPERATOR_TOKEN,
    body: { name: overrides.name ?? `Store ${++counter}`, timezone: overrides.timezone ?? 'Asia/Shanghai', locale: overrides.locale ?? 'zh-CN' },
  });
  if (res.status !== 201) throw new Error(`store creation failed: ${res.status} ${res.text}`);
  return { storeId: res.json.store.id as string, apiKey: res.json.apiKey as string };
}

export async function createConnection(apiKey: string, platform: string, secret?: string) {
  const res = await call('POST', '/v1/connections', { token: apiKey, body: { platform, name: `${platform} connection`, ...(secret ? { secret } : {}) } });
  if (res.status !== 201) throw new Error(`connection creation failed: ${res.status} ${res.text}`);
  return res.json as { id: string; platform: string; webhookUrl: string; secret: string };
}

export function expectError(res: { status: number; json: any }, status: number, code: string, field?: string) {
  const problems: string[] = [];
  if (res.status !== status) problems.push(`status ${res.status} != ${status}`);
  if (res.json?.error?.code !== code) problems.push(`code ${res.json?.error?.code} != ${code}`);
  if (field !== undefined && res.json?.error?.field !== field) problems.push(`field ${res.json?.error?.field} != ${field}`);
  if (typeof res.json?.error?.message !== 'string') problems.push('no message');
  if (problems.length) throw new Error(`${problems.join('; ')}: ${JSON.stringify(res.json)}`);
}
