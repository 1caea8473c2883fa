import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashSeed } from '../../src/lib/random';
import { BASE, call, createTestStore } from '../helpers/api';
import { expectDeliveryInvariant } from '../helpers/faults';
import { ev, standardHeaders } from '../helpers/generic';
import { signers } from '../helpers/platform-signers';
import { chatwootSession } from '../fixtures/chatwoot';
import { crispSession } from '../fixtures/crisp';
import { intercomSession } from '../fixtures/intercom';
import { LC_AGENT, livechatSession } from '../fixtures/livechat';
import { sunshine, sunshineSession, zendeskCsat } from '../fixtures/zendesk';
import { hostileBodies, leafSweep, mutated } from '../helpers/schema-arbitrary';

/**
 * Every webhook adapter fuzzed from real payloads of its platform: each one with one hostile change,
 * signed properly so it reaches the adapter's parsing; raw bodies that are not JSON; and unsigned
 * ones. The door answers 202 or a 4xx with the envelope, never a 5xx; what it accepts the consumer
 * writes (nothing ends dead), what it refuses leaves no trace, and everything stored reads back.
 */
const MUTATIONS = 45;
/** Hostile values tried on every field of every example. */
const PER_LEAF = 1;

type Sign = (raw: string, body: unknown) => Promise<Record<string, string>>;
interface Platform {
  name: string;
  secret: string;
  examples: (secret: string) => unknown[];
  sign: Sign;
  /** A connection authenticated by a token in its URL instead of a signature (platforms that cannot sign). */
  auth?: 'url_token';
  /** Gives a case its own delivery id where the platform takes it from the body, so the consumer sees every accepted case. */
  fresh?: (body: unknown, n: number) => unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

let delivery = 0;
const generic = 'whsec_ZnV6ei1nZW5lcmljLXNlY3JldC1mb3ItdGVzdHM=';
const chatwoot = chatwootSession({ displayId: 12, contact: { id: 501, name: 'Li Lei' }, assignee: { id: 7, name: 'Agent Wang' } });
const zendesk = sunshineSession('conv_zd_fuzz', { id: 'user_1', name: '王女士' });
const intercom = intercomSession('98765', { id: 'u_55', name: 'Tom' });
const livechat = (secret: string) => livechatSession(secret, 'LC_CHAT_1', 'T1', { id: 'cust-1', name: 'Mia' });
const crisp = crispSession('session_crisp_1', { id: 'visitor-1', name: '访客' });

/** Real payloads of each platform (tests/fixtures, written from the platforms' docs and source), signed as each platform signs. */
const PLATFORMS: Platform[] = [
  {
    name: 'generic',
    secret: generic,
    examples: () => [ev.opened('g-1', 0), ev.message('g-1', 'gm-1', 'customer', '在吗？', 0, 5), ev.closed('g-1', 5), ev.rated('g-1', 4), { events: [ev.message('g-2', 'gm-3', 'agent', 'hi', 1)] }],
    sign: async (raw) => standardHeaders(generic, `fz-${++delivery}`, raw),
  },
  {
    name: 'chatwoot',
    secret: 'chatwoot-fuzz-secret',
    examples: () => [chatwoot.customer(1, '这个有货吗？', 1), chatwoot.csatAnswer(9, 2, 'slow', 60), chatwoot.status('resolved', 31)],
    sign: async (raw) => ({ ...(await signers.chatwoot('chatwoot-fuzz-secret', raw)), 'x-chatwoot-delivery': `fz-${++delivery}` }),
  },
  {
    name: 'zendesk',
    secret: 'zendesk-fuzz-secret',
    examples: () => [sunshine([zendesk.customer('zm1', '我要退货', 1), zendesk.agent('zm2', '好的', 20, { id: '90001', name: 'Agent Zhao' })]), sunshine([zendesk.releaseTicketClosed(90)]), zendeskCsat('conv_zd_fuzz', 'bad', 95)],
    sign: (raw, body) => ((body as { events?: unknown })?.events !== undefined ? signers.zendeskSunshine('zendesk-fuzz-secret') : signers.zendeskSupport('zendesk-fuzz-secret', raw)),
    fresh: (body, n) => (isRecord(body) && Array.isArray(body.events) ? { ...body, events: body.events.map((e) => (isRecord(e) && typeof e.id === 'string' ? { ...e, id: `${e.id}-${n}` } : e)) } : body),
  },
  {
    name: 'intercom',
    secret: 'intercom-fuzz-secret',
    examples: () => [intercom('conversation.admin.replied', [{ id: '5001', part_type: 'comment', body: '<p>Hello Tom</p>', s: 30, author: 'admin' }, { id: '5003', part_type: 'close', body: null, s: 50, author: 'admin' }])],
    sign: (raw) => signers.intercom('intercom-fuzz-secret', raw),
    fresh: (body, n) => (isRecord(body) && typeof body.id === 'string' ? { ...body, id: `${body.id}-${n}` } : body),
  },
  {
    name: 'livechat',
    secret: 'livechat-fuzz-secret',
    examples: (s) => {
      const session = livechat(s);
      return [session.incomingChat([session.message('E1', 'cust-1', 'Do you ship to Shenzhen?', 1)], 0), session.incomingEvent(session.message('E2', LC_AGENT.id, 'Yes, in 2 days.', 20)), session.rated(0, 'meh'), session.deactivated()];
    },
    sign: async () => ({ 'content-type': 'application/json' }),
  },
  {
    name: 'crisp',
    secret: 'crisp-fuzz-secret',
    examples: () => [crisp.customer(111, '包裹到哪了？', 1), crisp.agent(112, '您好', 12), crisp.rated(2, 'slow', 30), crisp.state('resolved', 40)],
    sign: (_raw, body) => signers.crisp('crisp-fuzz-secret', body),
  },
  {
    name: 'crisp',
    auth: 'url_token',
    secret: 'unused',
    examples: () => [crisp.customer(211, '网站钩子', 1), crisp.state('resolved', 40)],
    sign: async () => ({ 'content-type': 'application/json' }),
  },
];

let store: { storeId: string; apiKey: string };
beforeAll(async () => {
  store = await createTestStore();
});

describe('fuzzing every webhook adapter', () => {
  for (const platform of PLATFORMS) {
    it(`${platform.name}${platform.auth ? ` (${platform.auth})` : ''}: 202 or a 4xx with the envelope, never 5xx; accepted = written, refused = no trace`, async () => {
      const created = await call('POST', '/v1/connections', {
        token: store.apiKey,
        body: { platform: platform.name, name: `fuzz ${platform.name}`, ...(platform.auth ? { auth: platform.auth } : { secret: platform.secret }) },
      });
      expect(created.status).toBe(201);
      const connection = created.json as { id: string; webhookUrl: string };
      const url = connection.webhookUrl.slice(BASE.length);
      const examples = platform.examples(platform.secret);
      const failures: string[] = [];
      let accepted = 0;
      let sent = 0;
      const send = async (raw: BodyInit, headers: Record<string, string>, what: string) => {
        const res = await call('POST', url, { raw, headers });
        sent++;
        // Every 202 is an accepted delivery (a redelivery too, under its own id): each is archived and settled once.
        if (res.status === 202) accepted++;
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
      // Unsigned (or, for a URL-token connection, sent to the URL without its token): refused at the door.
      const raw = JSON.stringify(examples[0]);
      const bare = platform.auth ? `/webhooks/${platform.name}/${connection.id}` : url;
      const unsigned = await call('POST', bare, { raw, headers: { 'content-type': 'application/json' } });
      if (platform.name !== 'livechat' && unsigned.status !== 401) failures.push(`unsigned → ${unsigned.status}`);
      // LiveChat's secret travels in the body: the same body again is accepted again (and changes nothing).
      if (unsigned.status === 202) accepted++;
      sent++;

      expect(failures.slice(0, 15)).toEqual([]);
      // Nothing accepted at the door fails in the consumer; nothing refused was stored.
      await expectDeliveryInvariant(connection.id, accepted, 0);
      const list = await call('GET', `/v1/conversations?connectionId=${connection.id}&limit=200`, { token: store.apiKey });
      expect(list.status).toBe(200);
      for (const c of list.json.data as { id: string }[]) expect((await call('GET', `/v1/conversations/${c.id}`, { token: store.apiKey })).status).toBe(200);
      console.log(JSON.stringify({ platform: platform.name, auth: platform.auth ?? 'signature', fuzz_webhook_requests: sent, accepted }));
    }, 120_000);
  }
});
