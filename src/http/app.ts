import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { getDb } from '../db/client';
import type { AppEnv } from './context';
import { errorBody, handleError } from './errors';
import { agentRoutes } from './routes/agents';
import { connectionRoutes } from './routes/connections';
import { conversationRoutes } from './routes/conversations';
import { operatorRoutes } from './routes/operator';
import { webhookRoutes } from './routes/webhooks';
import { widgetTokenRoutes } from './routes/widget-tokens';
import { openApiRoutes } from './routes/openapi';
import { scorecardRoutes } from './routes/scorecards';
import { settingsRoutes } from './routes/settings';
import { reviewerRoutes } from './routes/reviewers';
import { calibrationRoutes, jobRoutes, sampleRoutes } from './routes/daily';
import { reviewRoutes } from './routes/reviews';
import { demoOperatorRoutes, demoPageRoutes } from './routes/demo';
import { allowedMethods, routePatterns } from './method-not-allowed';

/** JSON API bodies (scorecards, settings, submissions) are small; webhooks have their own 1 MiB limit. */
export const MAX_API_BODY_BYTES = 256 * 1024;
/** Served only where BENCH_NOOP=1 (the benchmark's wrangler dev); elsewhere the path does not exist. */
const BENCH_ROUTES = new Set(['/noop']);

export function createApp(clock: () => number = Date.now) {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(async (c, next) => {
    c.set('db', getDb(c.env.DB));
    c.set('now', clock);
    await next();
  });
  // The widget runs inside each seller's own admin console, on their origin. Auth is a bearer token,
  // never a cookie, so any origin may call the API.
  app.use('/v1/*', cors({ origin: '*', allowHeaders: ['authorization', 'content-type'], allowMethods: ['GET', 'POST', 'PATCH', 'OPTIONS'], exposeHeaders: ['x-request-id'], maxAge: 600 }));
  app.use('/v1/*', bodyLimit({ maxSize: MAX_API_BODY_BYTES, onError: (c) => c.json(errorBody('payload_too_large', `The body exceeds ${MAX_API_BODY_BYTES / 1024} KiB`), 413) }));
  app.onError(handleError);
  let patterns: ReturnType<typeof routePatterns> | undefined;
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    const hidden = BENCH_ROUTES.has(path) && c.env.BENCH_NOOP !== '1';
    const allowed = hidden ? [] : allowedMethods((patterns ??= routePatterns(app.routes)), path);
    if (allowed.length && !allowed.includes(c.req.method)) {
      c.header('allow', allowed.join(', '));
      return c.json(errorBody('method_not_allowed', `${c.req.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`), 405);
    }
    return c.json(errorBody('not_found', `No route for ${c.req.method} ${path}`), 404);
  });

  app.get('/health', (c) => c.json({ ok: true }));
  // The baseline the ingest benchmark compares against: the same runtime and middleware, no work.
  app.post('/noop', (c, next) => (c.env.BENCH_NOOP === '1' ? c.json({ ok: true }, 202) : next()));

  app.route('/webhooks', webhookRoutes);
  app.route('/v1/operator/demo', demoOperatorRoutes);
  app.route('/v1/operator', operatorRoutes);
  app.route('/demo', demoPageRoutes);
  app.route('/v1/connections', connectionRoutes);
  app.route('/v1/agents', agentRoutes);
  app.route('/v1/conversations', conversationRoutes);
  app.route('/v1/widget-tokens', widgetTokenRoutes);
  app.route('/v1/scorecards', scorecardRoutes);
  app.route('/v1/settings', settingsRoutes);
  app.route('/v1/reviewers', reviewerRoutes);
  app.route('/v1/jobs', jobRoutes);
  app.route('/v1/samples', sampleRoutes);
  app.route('/v1/reviews', reviewRoutes);
  app.route('/v1/reports/calibration', calibrationRoutes);
  app.route('/', openApiRoutes);
  return app;
}
