/**
 * The operator's CLI: store creation, secret rotation and webhook replay, through the operator API of a
 * running Worker (local by default: `npm start` first). Usage:
 *
 *   npm run operator -- create-store --name "旗舰店" --timezone Asia/Shanghai --locale zh-CN
 *   npm run operator -- rotate-api-key --store st_… [--revoke-others]
 *   npm run operator -- rotate-embed-secret --store st_…
 *   npm run operator -- replay --connection cn_… --from 2026-11-01T00:00:00Z --to 2026-11-02T00:00:00Z [--only-unprocessed]
 *
 * Options: --url (default http://127.0.0.1:$PORT or 8787), --token (default OPERATOR_TOKEN from the
 * environment or .dev.vars).
 */
import { parseArgs } from 'node:util';
import { readDevVar } from './lib/local-worker';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    name: { type: 'string' },
    timezone: { type: 'string' },
    locale: { type: 'string' },
    store: { type: 'string' },
    connection: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'revoke-others': { type: 'boolean', default: false },
    'only-unprocessed': { type: 'boolean', default: false },
  },
});

const base = values.url ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`;
const token = values.token ?? process.env.OPERATOR_TOKEN ?? readDevVar('OPERATOR_TOKEN');

function need(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== 'string' || !value) {
    console.error(`--${name} is required`);
    process.exit(2);
  }
  return value;
}

async function post(path: string, body: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).catch(() => {
    console.error(`ShopQA is not reachable at ${base}: start it with \`npm start\` (PORT=${process.env.PORT ?? 8787}), or pass --url.`);
    process.exit(1);
  });
  const json = await res.json().catch(() => null);
  console.log(JSON.stringify(json, null, 2));
  if (!res.ok) process.exit(1);
}

switch (positionals[0]) {
  case 'create-store':
    await post('/v1/operator/stores', { name: need('name'), timezone: values.timezone ?? 'Asia/Shanghai', locale: values.locale ?? 'zh-CN' });
    break;
  case 'rotate-api-key':
    await post(`/v1/operator/stores/${need('store')}/api-keys`, { revokeOthers: values['revoke-others'] });
    break;
  case 'rotate-embed-secret':
    await post(`/v1/operator/stores/${need('store')}/embed-secret`, {});
    break;
  case 'replay':
    await post('/v1/operator/replay', { connectionId: need('connection'), from: need('from'), to: need('to'), includeProcessed: !values['only-unprocessed'] });
    break;
  default:
    console.error('usage: npm run operator -- create-store | rotate-api-key | rotate-embed-secret | replay  (see scripts/operator.ts)');
    process.exit(2);
}
