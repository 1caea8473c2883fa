import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
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

export function createApp(clock: () => number = Date.now) {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(async (c, next) => {
    // The store's database is known only once the caller is: storeAuth sets `db`.
    c.set('now', clock);
    await next();
  });
  // The widget runs inside each seller's own admin console, on their origin. Auth is a bearer token,
  // never a cookie, so any origin may call the API.
  app.use('/v1/*', cors({ origin: '*', allowHeaders: ['authorization', 'content-type'], allowMethods: ['GET', 'POST', 'PATCH', 'OPTIONS'], exposeHeaders: ['x-request-id'], maxAge: 600 }));
  app.onError(handleError);
  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404));

  app.get('/health', (c) => c.json({ ok: true }));
  // The baseline the ingest benchmark compares against: the same runtime and middleware, no work.
  app.post('/noop', (c) => c.json({ ok: true }, 202));

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
