/**
 * `npm start`: the product, locally and offline. Builds the widget, applies the D1 migrations to the
 * local databases (the directory and the store databases), starts the Worker (wrangler dev), creates
 * the demo store once, gives it 14 days of history through the real path (signed webhooks → AutoQA →
 * daily sample → QA reviews → coaching cards), and prints the URLs.
 */
import { copyApiDocsAssets } from './build-docs.mjs';
import { buildWidget } from './build-widget.mjs';
import { feedDemoDay } from './lib/demo-feed';
import { applyMigrations, ensureDevVars, readDevVar, startWranglerDev } from './lib/local-worker';

const port = Number(process.env.PORT ?? 8787);
const base = `http://127.0.0.1:${port}`;

ensureDevVars();
await buildWidget();
copyApiDocsAssets();
await applyMigrations();
const worker = await startWranglerDev(port);
const stop = () => {
  worker.kill('SIGINT');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/** What this start added to the demo history; a later start the same day finds it all in place. */
function history(s: Awaited<ReturnType<typeof feedDemoDay>>) {
  const span = `${s.days} days to ${s.date}, ${s.agents} agents`;
  if (!s.delivered && !s.reviewed && !s.acknowledged && !s.tasksDone) return `${span}: already in place from an earlier start (delete .wrangler/ for a new one)`;
  return `${span}: ${s.conversations} new conversations (${s.delivered} webhook deliveries),
                       ${s.reviewed} reviews submitted, ${s.acknowledged} cards acknowledged, ${s.tasksDone} 1:1 tasks done, in ${s.seconds} s`;
}

try {
  const operatorToken = readDevVar('OPERATOR_TOKEN') ?? '';
  console.log('Building the demo store’s 14-day history through the real path (takes a minute or few on first start)…');
  const summary = await feedDemoDay(base, operatorToken, (line) => console.log(line));
  console.log(`
ShopQA is running at ${base}

  Demo admin console   ${base}/demo            (?as=manager | qa | lead | agent, &lang=en)
  API docs             ${base}/docs           (the OpenAPI document: ${base}/openapi.json)
  Demo store           ${summary.storeId}, API key ${summary.apiKey}
  Demo webhook URL     ${base}/webhooks/generic/${summary.connectionId}
  Demo history         ${history(summary)}

Press Ctrl-C to stop.`);
} catch (error) {
  console.error('Seeding the demo failed:', error);
  worker.kill('SIGINT');
  process.exit(1);
}
