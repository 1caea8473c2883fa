/**
 * `npm run bench [-- --json]`: figures measured side by side in one run on this machine, each stated
 * with its work size. With --json the last line is one JSON object holding every figure.
 *
 * Ingest runs against a real local Worker (wrangler dev: workerd, local D1, R2 and Queues) on fresh
 * databases in a fresh .bench- directory; the no-op route on the same Worker (served only because this
 * script sets BENCH_NOOP=1) is its baseline. The load run sends a fixed count of mixed-platform webhooks
 * and then checks in D1 that every accepted message was stored exactly once. The storage figures come
 * from a store alone on the second store database, read from its local SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { benchDashboard, writeMonthSql } from './lib/bench-dashboard';
import { benchIngest } from './lib/bench-ingest';
import { benchLoad } from './lib/bench-load';
import { benchWidget } from './lib/bench-widget';
import { importBundled } from './lib/bundled';
import { writeDaySql } from './lib/bench-daily';
import { benchStorage } from './lib/bench-storage';
import { applyMigrations, ensureDevVars, freePort, queryLocalD1, readDevVar, run, startWranglerDev } from './lib/local-worker';

const json = process.argv.includes('--json');
// `-- --only dashboard` (or autoqa, widget, ingest, load, daily, storage; several with commas, or
// `--only=ingest,storage`): parts of the run, for quick looks.
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? (process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined);
const want = (part: string) => onlyArg === undefined || onlyArg.split(',').includes(part);
const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
const base = `http://127.0.0.1:${port}`;
const figures: Record<string, number | string> = {};

if (want('autoqa')) {
  // Bundled as wrangler bundles the Worker (lib/bundled.ts), so the figure is AutoQA's, not the TS loader's.
  const { benchAutoQa } = await importBundled<typeof import('./lib/bench-autoqa')>('scripts/lib/bench-autoqa.ts');
  const autoqa = benchAutoQa();
  console.log(`autoqa: ${autoqa.work}`);
  console.log(
    `  AutoQA ${autoqa.autoqa_cps.toFixed(0)} conversations/s, one plain pass ${autoqa.plain_cps.toFixed(0)} conversations/s, ratio ${autoqa.autoqa_ratio.toFixed(3)} (target ≥ 0.3)`,
  );
  Object.assign(figures, { autoqa_cps: autoqa.autoqa_cps, autoqa_plain_cps: autoqa.plain_cps, autoqa_ratio: autoqa.autoqa_ratio });
}

if (want('widget')) {
  const widget = await benchWidget();
  console.log(`widget: ${widget.work}`);
  console.log(`  each launch, ratio (card / bare): ${widget.launches}`);
  console.log(`  each launch, the card once acknowledged (ratio, ms): ${widget.acknowledgedLaunches}; median ${widget.widget_render_acknowledged_ratio.toFixed(2)}`);
  console.log(
    `  ${widget.widget_gzip_bytes} B gzipped: ${widget.counted} (budget ≤ 30 KiB); card rendered ${widget.widget_render_ms.toFixed(1)} ms after the script starts, bare Preact ${widget.widget_baseline_ms.toFixed(1)} ms, ratio ${widget.widget_render_ratio.toFixed(2)} (target ≤ 3)`,
  );
  Object.assign(figures, {
    widget_gzip_bytes: widget.widget_gzip_bytes,
    widget_render_ms: widget.widget_render_ms,
    widget_baseline_ms: widget.widget_baseline_ms,
    widget_render_ratio: widget.widget_render_ratio,
    widget_render_acknowledged_ms: widget.widget_render_acknowledged_ms,
    widget_render_acknowledged_ratio: widget.widget_render_acknowledged_ratio,
  });
}

ensureDevVars();
const persist = mkdtempSync(join(process.cwd(), '.bench-'));
await applyMigrations({ persistTo: persist, quiet: true });
// The no-op baseline route exists only where BENCH_NOOP=1.
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
  // The storage figures need a store alone on its database: the other bench stores go to DB_1.
  const { apiKey } = await post('/v1/operator/stores', operator, { name: 'Bench store', timezone: 'Asia/Shanghai', locale: 'zh-CN', database: 'DB_1' });
  const connection = await post('/v1/connections', apiKey, { platform: 'generic', name: 'bench' });

  if (want('ingest')) {
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

  if (want('load')) {
    const load = await benchLoad(
      { base, apiKey, query: (sql) => queryLocalD1(persist, sql, 'DB_1') },
      { total: Number(process.env.LOAD_REQUESTS ?? 10_000), concurrency: 32, drainTimeoutMs: 300_000 },
    );
    console.log(`load: ${load.work}`);
    console.log(
      `  ${load.load_rps.toFixed(0)} req/s, ${load.load_errors} errors; ${load.load_accepted} deliveries accepted, ${load.load_messages} messages: ${load.load_lost} lost, ${load.load_stored_twice} stored twice, ${load.load_unprocessed} deliveries unprocessed (drained ${load.load_drain_s.toFixed(1)} s after the last request)`,
    );
    for (const e of load.firstErrors) console.log(`  error: ${e}`);
    Object.assign(figures, {
      load_requests: load.load_requests,
      load_errors: load.load_errors,
      load_lost: load.load_lost,
      load_rps: load.load_rps,
      load_stored_twice: load.load_stored_twice,
      load_unprocessed: load.load_unprocessed,
      load_drain_s: load.load_drain_s,
    });
  }

  if (want('daily')) {
    // The daily job at scale: 350 agents × 150 conversations in one store, sampled and assigned in one call.
    const big = await post('/v1/operator/stores', operator, { name: 'Bench large store', timezone: 'Asia/Shanghai', locale: 'zh-CN', database: 'DB_1' });
    const bigConnection = await post('/v1/connections', big.apiKey, { platform: 'generic', name: 'bench' });
    for (let r = 0; r < 12; r++) await post('/v1/reviewers', big.apiKey, { name: `Reviewer ${r}` });
    const sqlFile = join(persist, 'day.sql');
    writeDaySql(sqlFile, { storeId: big.store.id, connectionId: bigConnection.id, date: '2026-11-21', timezone: 'Asia/Shanghai', agents: 350, perAgent: 150 });
    await run('wrangler', ['d1', 'execute', 'DB_1', '--local', '--persist-to', persist, '--file', sqlFile, '--yes'], { quiet: true });
    const daily = await post('/v1/jobs/daily', big.apiKey, { date: '2026-11-21' });
    console.log(`daily: one store, 350 agents × 150 conversations, 12 reviewers, one POST /v1/jobs/daily`);
    console.log(
      `  ${daily.coverage.conversations} conversations, ${daily.coverage.selected} selected, ${daily.stats.queries} D1 queries (target ≤ 100; limit 1,000), ${daily.stats.ms} ms`,
    );
    Object.assign(figures, { daily_conversations: daily.coverage.conversations, daily_queries: daily.stats.queries, daily_ms: daily.stats.ms });
  }

  // D1 bytes: a demo day into a store alone on DB_2, hot, then archived.
  if (want('storage')) {
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

  if (want('dashboard')) {
    // The team dashboard at scale: 350 agents × 6 reviews a day for 30 days, rollups built by one call.
    const month = await post('/v1/operator/stores', operator, { name: 'Bench month store', timezone: 'Asia/Shanghai', locale: 'zh-CN', database: 'DB_1' });
    const monthConnection = await post('/v1/connections', month.apiKey, { platform: 'generic', name: 'bench' });
    const reviewerIds: string[] = [];
    for (let r = 0; r < 12; r++) reviewerIds.push((await post('/v1/reviewers', month.apiKey, { name: `Reviewer ${r}` })).id);
    const monthCards = (await (await fetch(`${base}/v1/scorecards`, { headers: { authorization: `Bearer ${month.apiKey}` } })).json()) as {
      data: { id: string; phase: string; categories: { items: { id: string }[] }[] }[];
    };
    const pre = monthCards.data.find((c) => c.phase === 'pre_sales')!;
    const monthFile = join(persist, 'month.sql');
    const written = writeMonthSql(monthFile, {
      storeId: month.store.id,
      connectionId: monthConnection.id,
      scorecardId: pre.id,
      itemIds: pre.categories.flatMap((c) => c.items.map((i) => i.id)),
      reviewerIds,
      from: '2026-10-01',
      days: 30,
      agents: 350,
      perDay: 6,
      timezone: 'Asia/Shanghai',
    });
    await run('wrangler', ['d1', 'execute', 'DB_1', '--local', '--persist-to', persist, '--file', monthFile, '--yes'], { quiet: true });
    const started = Date.now();
    const rollups = await post('/v1/jobs/rollups', month.apiKey, { from: '2026-10-01', to: '2026-10-30' });
    const rollupMs = Date.now() - started;
    const dash = await benchDashboard({ base, apiKey: month.apiKey, date: '2026-10-15', month: '2026-10', agentId: 'dash-ag-7', runs: 40 });
    console.log(
      `dashboard: ${written.conversations} reviewed conversations (350 agents, 30 days); rollups built in one call: ${rollups.statements} statements, ${rollupMs} ms; ${dash.work}`,
    );
    console.log(
      `  month dashboard p95 ${dash.dashboard_p95_ms.toFixed(1)} ms (one team: ${dash.dashboard_team_p95_ms.toFixed(1)} ms), point read p95 ${dash.point_read_p95_ms.toFixed(1)} ms, ratio ${dash.dashboard_ratio.toFixed(1)} (target ≤ 20)`,
    );
    console.log(
      `  monthly CSV ${dash.export_monthly_rows} rows at ${dash.export_rows_per_s.toFixed(0)} rows/s; reviews CSV ${dash.export_reviews_rows} rows (${dash.export_reviews_mb.toFixed(1)} MB) at ${dash.export_reviews_rows_per_s.toFixed(0)} rows/s`,
    );
    Object.assign(figures, {
      dashboard_p95_ms: dash.dashboard_p95_ms,
      dashboard_team_p95_ms: dash.dashboard_team_p95_ms,
      dashboard_point_read_p95_ms: dash.point_read_p95_ms,
      dashboard_ratio: dash.dashboard_ratio,
      dashboard_rollup_ms: rollupMs,
      export_rows_per_s: dash.export_rows_per_s,
      export_reviews_rows_per_s: dash.export_reviews_rows_per_s,
    });
  }
} finally {
  worker.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(persist, { recursive: true, force: true });
}

if (json)
  console.log(JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1000) / 1000 : v]))));
