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
  Demo history         ${summary.days} days to ${summary.date}, ${summary.agents} agents: ${summary.conversations} new conversations (${summary.delivered} webhook deliveries),
                       ${summary.reviewed} reviews submitted, ${summary.acknowledged} cards acknowledged, ${summary.tasksDone} 1:1 tasks done, in ${summary.seconds} s

Press Ctrl-C to stop.`);
} catch (error) {
  console.error('Seeding the demo failed:', error);
  worker.kill('SIGINT');
  process.exit(1);
}
