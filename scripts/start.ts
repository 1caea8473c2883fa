/**
 * `npm start`: the product, locally and offline. Builds the widget, applies the D1 migrations to the
 * local databases (the directory and the store databases), starts the Worker (wrangler dev), creates
 * the demo store once, feeds a demo day through the real signed webhook path, runs the daily sample
 * for it, and prints the URLs.
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
  const summary = await feedDemoDay(base, operatorToken);
  console.log(`
ShopQA is running at ${base}

  Demo admin console   ${base}/demo            (?as=manager | qa | lead | agent, &lang=en)
  API docs             ${base}/docs           (the OpenAPI document: ${base}/openapi.json)
  Demo store           ${summary.storeId}, API key ${summary.apiKey}
  Demo webhook URL     ${base}/webhooks/generic/${summary.connectionId}
  Demo day             ${summary.date}: ${summary.conversations} conversations, ${summary.agents} agents, ${summary.delivered} webhook deliveries

Press Ctrl-C to stop.`);
} catch (error) {
  console.error('Seeding the demo failed:', error);
  worker.kill('SIGINT');
  process.exit(1);
}
