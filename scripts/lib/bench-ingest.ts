import { derivedId } from '../../src/lib/ids';
import { pool, signStandardWebhook } from './standard-webhooks';

export interface IngestTarget {
  base: string;
  apiKey: string;
  connectionId: string;
  secret: string;
}

function messageEvent(conversation: string, message: string, at: Date, role: 'customer' | 'agent') {
  return {
    type: 'message.created',
    timestamp: at.toISOString(),
    data: {
      platform: 'bench',
      store_ref: 'bench',
      conversation_id: conversation,
      message_id: message,
      sender: role === 'agent' ? { role, id: 'agent-1', name: '客服一号' } : { role, id: `cust-${conversation}`, name: '顾客' },
      text: role === 'agent' ? '亲，您好，这款现在有货，今天下单明天发货哦' : '你好，这个还有货吗？什么时候发货？',
      content_type: 'text',
      created_at: at.toISOString(),
    },
  };
}

/** Requests per second of `n` calls made by `send`, `concurrency` at a time. */
async function rate(n: number, concurrency: number, send: (i: number) => Promise<Response>) {
  const started = performance.now();
  await pool(
    Array.from({ length: n }, (_, i) => i),
    concurrency,
    async (i) => {
      const res = await send(i);
      await res.arrayBuffer();
      if (res.status >= 300) throw new Error(`status ${res.status}`);
    },
  );
  return n / ((performance.now() - started) / 1000);
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/**
 * Signed generic webhooks against the no-op route, interleaved in rounds so both see the same machine
 * state; then the time from a webhook's 202 to its message being readable through the API.
 */
export async function benchIngest(t: IngestTarget, opts: { rounds: number; perRound: number; concurrency: number; visibleSamples: number }) {
  // Requests are built and signed before the clock starts, and the no-op route gets the same bodies
  // and headers, so the ratio measures the server's work and nothing the client does.
  const total = opts.rounds * opts.perRound;
  const prepared = Array.from({ length: total }, (_, i) => {
    const body = JSON.stringify(messageEvent(`bench-c${i % 500}`, `bench-m${i}`, new Date(Date.now() - 60_000 + i), i % 2 ? 'agent' : 'customer'));
    return { body, headers: signStandardWebhook(t.secret, `bench-d${i}`, body) };
  });
  let seq = 0;
  const sendWebhook = () => {
    const r = prepared[seq++]!;
    return fetch(`${t.base}/webhooks/generic/${t.connectionId}`, { method: 'POST', headers: r.headers, body: r.body });
  };
  let noopSeq = 0;
  const sendNoop = () => {
    const r = prepared[noopSeq++]!;
    return fetch(`${t.base}/noop`, { method: 'POST', headers: r.headers, body: r.body });
  };

  const ingest: number[] = [];
  const noop: number[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    noop.push(await rate(opts.perRound, opts.concurrency, sendNoop));
    ingest.push(await rate(opts.perRound, opts.concurrency, sendWebhook));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  // Visibility: each sample is sent alone, then its conversation is polled until the message shows.
  const latencies = await pool(
    Array.from({ length: opts.visibleSamples }, (_, i) => i),
    8,
    async (i) => {
      const conversation = `bench-visible-${i}`;
      const body = JSON.stringify(messageEvent(conversation, `bench-visible-m${i}`, new Date(), 'customer'));
      const conversationId = await derivedId('cv', t.connectionId, conversation);
      const sent = performance.now();
      const res = await fetch(`${t.base}/webhooks/generic/${t.connectionId}`, { method: 'POST', headers: signStandardWebhook(t.secret, `bench-visible-d${i}`, body), body });
      if (res.status !== 202) throw new Error(`webhook status ${res.status}`);
      for (;;) {
        const read = await fetch(`${t.base}/v1/conversations/${conversationId}`, { headers: { authorization: `Bearer ${t.apiKey}` } });
        const json = (await read.json()) as { messages?: unknown[] };
        if (read.ok && json.messages?.length) return performance.now() - sent;
        if (performance.now() - sent > 30_000) throw new Error('message not visible within 30 s');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  );
  latencies.sort((a, b) => a - b);
  return {
    work: `${opts.rounds} rounds × ${opts.perRound} requests each (concurrency ${opts.concurrency}); ${opts.visibleSamples} visibility samples`,
    ingest_rps: mean(ingest),
    noop_rps: mean(noop),
    ingest_ratio: mean(ingest) / mean(noop),
    visible_p50_ms: percentile(latencies, 50),
    visible_p99_ms: percentile(latencies, 99),
  };
}
