import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashSeed } from '../../src/lib/random';
import { call, createConnection, createTestStore } from '../helpers/api';
import { expectDeliveryInvariant } from '../helpers/faults';
import { ev, standardHeaders } from '../helpers/generic';
import * as p from '../helpers/platform-payloads';
import { signers } from '../helpers/platform-signers';
import { hostileBodies, leafSweep, mutated } from '../helpers/schema-arbitrary';

/**
 * Every webhook adapter fuzzed from real payloads of its platform: each one with one hostile change,
 * signed properly so it reaches the adapter's parsing; raw bodies that are not JSON; and unsigned
 * ones. The door answers 202 or a 4xx with the envelope, never a 5xx; what it accepts the consumer
 * writes (nothing ends dead), what it refuses leaves no trace, and everything stored reads back.
 */
const MUTATIONS = 45;
/** Hostile values tried on every field of every example. */
const PER_LEAF = 3;

type Sign = (raw: string, body: unknown) => Promise<Record<string, string>>;
interface Platform {
  name: string;
  secret: string;
  examples: (secret: string) => unknown[];
  sign: Sign;
  /** Gives a case its own delivery id where the platform takes it from the body, so the consumer sees every accepted case. */
  fresh?: (body: unknown, n: number) => unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

let delivery = 0;
const PLATFORMS: Platform[] = [
  {
    name: 'generic',
    secret: 'whsec_ZnV6ei1nZW5lcmljLXNlY3JldC1mb3ItdGVzdHM=',
    examples: () => [ev.opened('g-1', 0), ev.message('g-1', 'gm-1', 'customer', '在吗？', 0, 5), ev.message('g-1', 'gm-2', 'agent', '您好', 0, 30), ev.closed('g-1', 5), ev.rated('g-1', 4), { events: [ev.message('g-2', 'gm-3', 'customer', 'hi', 1)] }],
    sign: async (raw) => standardHeaders('whsec_ZnV6ei1nZW5lcmljLXNlY3JldC1mb3ItdGVzdHM=', `fz-${++delivery}`, raw),
  },
  {
    name: 'chatwoot',
    secret: 'chatwoot-fuzz-secret',
    examples: () => [p.chatwoot.message(1, 'incoming', '这个有货吗？', 1), p.chatwoot.message(2, 'outgoing', '亲，有货的', 15), p.chatwoot.resolved(31)],
    sign: (raw) => signers.chatwoot('chatwoot-fuzz-secret', raw),
  },
  {
    name: 'zendesk',
    secret: 'zendesk-fuzz-secret',
    examples: () => [p.sunshine([p.sunshineMessage('zm1', 'user', '我要退货', 1), p.sunshineMessage('zm2', 'business', '好的', 20)]), p.zendeskCsat('bad', 90)],
    sign: (raw, body) => ((body as { events?: unknown })?.events !== undefined ? signers.zendeskSunshine('zendesk-fuzz-secret') : signers.zendeskSupport('zendesk-fuzz-secret', raw)),
    fresh: (body, n) => (isRecord(body) && Array.isArray(body.events) ? { ...body, events: body.events.map((e) => (isRecord(e) && typeof e.id === 'string' ? { ...e, id: `${e.id}-${n}` } : e)) } : body),
  },
  {
    name: 'intercom',
    secret: 'intercom-fuzz-secret',
    examples: () => [p.intercom('conversation.admin.replied', [p.intercomPart('5001', 'comment', '<p>Hello Tom</p>', 30), p.intercomPart('5003', 'close', null, 50)])],
    sign: (raw) => signers.intercom('intercom-fuzz-secret', raw),
    fresh: (body, n) => (isRecord(body) && typeof body.id === 'string' ? { ...body, id: `${body.id}-${n}` } : body),
  },
  {
    name: 'livechat',
    secret: 'livechat-fuzz-secret',
    examples: (s) => [p.livechat.incomingChat(s), p.livechat.incomingEvent(s), p.livechat.rated(s, 0), p.livechat.deactivated(s)],
    sign: async () => ({ 'content-type': 'application/json' }),
  },
  {
    name: 'crisp',
    secret: 'crisp-fuzz-secret',
    examples: () => [p.crisp.message(111, 'user', '包裹到哪了？', 1), p.crisp.message(112, 'operator', '您好', 12), p.crisp.resolved(40)],
    sign: (_raw, body) => signers.crisp('crisp-fuzz-secret', body),
  },
];

let store: { storeId: string; apiKey: string };
beforeAll(async () => {
  store = await createTestStore();
});

describe('fuzzing every webhook adapter', () => {
  for (const platform of PLATFORMS) {
    it(`${platform.name}: 202 or a 4xx with the envelope, never 5xx; accepted = written, refused = no trace`, async () => {
      const connection = await createConnection(store.apiKey, platform.name, platform.secret);
      const url = `/webhooks/${platform.name}/${connection.id}`;
      const examples = platform.examples(platform.secret);
      const failures: string[] = [];
      let accepted = 0;
      let sent = 0;
      const send = async (raw: BodyInit, headers: Record<string, string>, what: string) => {
        const res = await call('POST', url, { raw, headers });
        sent++;
        if (res.status === 202) accepted += res.json?.duplicate === false ? 1 : 0;
        else if (res.status >= 500 || res.status < 400) failures.push(`${what} → ${res.status} ${res.text.slice(0, 200)}`);
        else if (typeof res.json?.error?.code !== 'string') failures.push(`no envelope: ${what} → ${res.status}`);
        return res;
      };
      for (const body of examples) {
        const raw = JSON.stringify(body);
        const res = await send(raw, await platform.sign(raw, body), `example ${raw.slice(0, 80)}`);
        if (res.status !== 202) failures.push(`a documented payload was refused: ${res.status} ${res.text.slice(0, 200)}`);
      }
      const cases = [
        ...examples.flatMap((example, i) => leafSweep(example, hashSeed(`${platform.name}|${i}`), PER_LEAF)),
        ...fc.sample(mutated(fc.constantFrom(...examples)), { seed: hashSeed(platform.name), numRuns: MUTATIONS }),
      ];
      for (const [n, original] of cases.entries()) {
        const body = platform.fresh ? platform.fresh(original, n) : original;
        const raw = JSON.stringify(body) ?? 'null';
        await send(raw, await platform.sign(raw, body), `mutation ${raw.slice(0, 160)}`);
      }
      for (const { name, body } of hostileBodies(1024 * 1024)) {
        const raw = typeof body === 'string' ? body : body;
        const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
        await send(raw as BodyInit, await platform.sign(text, null), `raw body: ${name}`);
      }
      // Unsigned, or signed with another secret: refused at the door.
      const raw = JSON.stringify(examples[0]);
      const unsigned = await call('POST', url, { raw, headers: { 'content-type': 'application/json' } });
      if (platform.name !== 'livechat' && unsigned.status !== 401) failures.push(`unsigned → ${unsigned.status}`);
      sent++;

      expect(failures.slice(0, 15)).toEqual([]);
      // Nothing accepted at the door fails in the consumer; nothing refused was stored.
      await expectDeliveryInvariant(connection.id, accepted, 0);
      const list = await call('GET', `/v1/conversations?connectionId=${connection.id}&limit=200`, { token: store.apiKey });
      expect(list.status).toBe(200);
      for (const c of list.json.data as { id: string }[]) expect((await call('GET', `/v1/conversations/${c.id}`, { token: store.apiKey })).status).toBe(200);
      console.log(JSON.stringify({ platform: platform.name, fuzz_webhook_requests: sent, accepted }));
    }, 120_000);
  }
});
