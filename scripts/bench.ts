/**
 * `npm run bench [-- --json]`: figures measured side by side in one run on this machine, each stated
 * with its work size. With --json the last line is one JSON object holding every figure.
 *
 * Ingest runs against a real local Worker (wrangler dev: workerd, local D1, R2 and Queues) on fresh
 * databases under .bench-*; the no-op route on the same Worker is its baseline. The storage figures
 * come from a store alone on the second store database, read from its local SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { benchAutoQa } from './lib/bench-autoqa';
import { benchIngest } from './lib/bench-ingest';
import { writeDaySql } from './lib/bench-daily';
import { benchStorage } from './lib/bench-storage';
import { applyMigrations, ensureDevVars, freePort, readDevVar, run, startWranglerDev } from './lib/local-worker';

const json = process.argv.includes('--json');
/** `--only autoqa,ingest,daily,storage`: run just those parts (all by default). */
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const runs = (part: string) => !onlyArg || onlyArg.split(',').includes(part);
const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
const base = `http://127.0.0.1:${port}`;
const figures: Record<string, number | string> = {};

if (runs('autoqa')) {
  const autoqa = benchAutoQa();
  console.log(`autoqa: ${autoqa.work}`);
  console.log(
    `  AutoQA ${autoqa.autoqa_cps.toFixed(0)} conversations/s, one plain pass ${autoqa.plain_cps.toFixed(0)} conversations/s, ratio ${autoqa.autoqa_ratio.toFixed(3)} (target ≥ 0.3)`,
  );
  Object.assign(figures, { autoqa_cps: autoqa.autoqa_cps, autoqa_plain_cps: autoqa.plain_cps, autoqa_ratio: autoqa.autoqa_ratio });
}

ensureDevVars();
const persist = mkdtempSync(join(process.cwd(), '.bench-'));
await applyMigrations({ persistTo: persist, quiet: true });
const worker = await startWranglerDev(port, { persistTo: persist, quiet: true, vars: { BENCH_NOOP: '1' } });
try {
  const operator = readDevVar('OPERATOR_TOKEN');
  const post = async (path: string, token: string | undefined, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    // biome-ignore lint/suspicious/noExplicitAny: the bench reads a few fields of the API's JSON, loosely
    return res.json() as Promise<any>;
  };
  if (runs('ingest')) {
    // The storage figures need a store alone on its database: the other bench stores go to DB_1.
    const { apiKey } = await post('/v1/operator/stores', operator, { name: 'Bench store', timezone: 'Asia/Shanghai', locale: 'zh-CN', database: 'DB_1' });
    const connection = await post('/v1/connections', apiKey, { platform: 'generic', name: 'bench' });
    const ingest = await benchIngest(
      { base, apiKey, connectionId: connection.id, secret: connection.secret },
      { rounds: 4, perRound: 400, concurrency: 16, visibleSamples: 120 },
    );
    console.log(`ingest: ${ingest.work}`);
    console.log(
      `  signed generic webhooks ${ingest.ingest_rps.toFixed(0)} req/s, no-op route ${ingest.noop_rps.toFixed(0)} req/s, ratio ${ingest.ingest_ratio.toFixed(2)} (target ≥ 0.8)`,
    );
    console.log(`  webhook → message visible: p50 ${ingest.visible_p50_ms.toFixed(0)} ms, p99 ${ingest.visible_p99_ms.toFixed(0)} ms (target p99 ≤ 2000 ms)`);
    Object.assign(figures, {
      ingest_rps: ingest.ingest_rps,
      noop_rps: ingest.noop_rps,
      ingest_ratio: ingest.ingest_ratio,
      visible_p50_ms: ingest.visible_p50_ms,
      visible_p99_ms: ingest.visible_p99_ms,
    });
  }

  // The daily job at scale: 350 agents × 150 conversations in one store, sampled and assigned in one call.
  if (runs('daily')) {
    const big = await post('/v1/operator/stores', operator, { name: 'Bench large store', timezone: 'Asia/Shanghai', locale: 'zh-CN', database: 'DB_1' });
    const bigConnection = await post('/v1/connections', big.apiKey, { platform: 'generic', name: 'bench' });
    for (let r = 0; r < 12; r++) await post('/v1/reviewers', big.apiKey, { name: `Reviewer ${r}` });
    const sqlFile = join(persist, 'day.sql');
    writeDaySql(sqlFile, { storeId: big.store.id, connectionId: bigConnection.id, date: '2026-11-21', timezone: 'Asia/Shanghai', agents: 350, perAgent: 150 });
    if (!big.store?.database) throw new Error(`bench: the large store has no database: ${JSON.stringify(big)}`);
    await run('wrangler', ['d1', 'execute', big.store.database, '--local', '--persist-to', persist, '--file', sqlFile, '--yes'], { quiet: true });
    const daily = await post('/v1/jobs/daily', big.apiKey, { date: '2026-11-21' });
    console.log(`daily: one store, 350 agents × 150 conversations, 12 reviewers, one POST /v1/jobs/daily`);
    console.log(
      `  ${daily.coverage.conversations} conversations, ${daily.coverage.selected} selected, ${daily.stats.queries} D1 queries (target ≤ 100; limit 1,000), ${daily.stats.ms} ms`,
    );
    Object.assign(figures, { daily_conversations: daily.coverage.conversations, daily_queries: daily.stats.queries, daily_ms: daily.stats.ms });
  }

  // D1 bytes: a demo day into a store alone on DB_2, hot, then archived.
  if (runs('storage')) {
    const lone = await post('/v1/operator/stores', operator, { name: 'Bench storage store', timezone: 'Asia/Shanghai', locale: 'zh-CN', database: 'DB_2' });
    const loneConnection = await post('/v1/connections', lone.apiKey, { platform: 'generic', name: 'bench' });
    const storage = await benchStorage(
      { base, persist, storeId: lone.store.id, connectionId: loneConnection.id, secret: loneConnection.secret },
      { agents: 80 },
    );
    console.log(`storage: ${storage.work}`);
    console.log(
      `  D1 bytes per ended, archived conversation ${storage.d1_bytes_per_conversation.toFixed(0)} (target ≤ 500), per hot message ${storage.d1_bytes_per_hot_message.toFixed(0)} (target ≤ 300; ${storage.d1_bytes_hot_per_message_all_in.toFixed(0)} with the conversation's own row)`,
    );
    console.log(
      `  growth by table and index, hot → archived: ${Object.entries(storage.breakdown)
        .map(([n, b]) => `${n} ${b.hot} → ${b.archived}`)
        .join(', ')}`,
    );
    Object.assign(figures, { d1_bytes_per_conversation: storage.d1_bytes_per_conversation, d1_bytes_per_hot_message: storage.d1_bytes_per_hot_message });
  }
} finally {
  worker.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(persist, { recursive: true, force: true });
}

if (json)
  console.log(JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1000) / 1000 : v]))));
