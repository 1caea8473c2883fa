import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { getDb } from '../db/client';
import type { AppEnv } from './context';
import { errorBody, handleError } from './errors';
import { agentRoutes } from './routes/agents';
import { connectionRoutes } from './routes/connections';
import { conversationRoutes } from './routes/conversations';
import { calibrationRoutes, jobRoutes, sampleRoutes } from './routes/daily';
import { dashboardRoutes, rollupJobRoutes } from './routes/dashboard';
import { auditRoutes, customerRoutes } from './routes/data-care';
import { demoOperatorRoutes, demoPageRoutes } from './routes/demo';
import { exportRoutes } from './routes/exports';
import { keywordRoutes } from './routes/keywords';
import { metaRoutes, openApiConfig } from './routes/meta';
import { operatorRoutes } from './routes/operator';
import { reviewerRoutes } from './routes/reviewers';
import { reviewRoutes } from './routes/reviews';
import { scorecardRoutes } from './routes/scorecards';
import { settingsRoutes } from './routes/settings';
import { webhookRoutes } from './routes/webhooks';
import { widgetTokenRoutes } from './routes/widget-tokens';

/** Every router and where it is mounted: the route table the OpenAPI document and the access tests come from. */
export const ROUTERS = [
  ['/', metaRoutes],
  ['/webhooks', webhookRoutes],
  ['/v1/operator/demo', demoOperatorRoutes],
  ['/v1/operator', operatorRoutes],
  ['/demo', demoPageRoutes],
  ['/v1/connections', connectionRoutes],
  ['/v1/agents', agentRoutes],
  ['/v1/conversations', conversationRoutes],
  ['/v1/widget-tokens', widgetTokenRoutes],
  ['/v1/scorecards', scorecardRoutes],
  ['/v1/settings', settingsRoutes],
  ['/v1/reviewers', reviewerRoutes],
  ['/v1/jobs', jobRoutes],
  ['/v1/samples', sampleRoutes],
  ['/v1/reviews', reviewRoutes],
  ['/v1/reports/calibration', calibrationRoutes],
  ['/v1/dashboard', dashboardRoutes],
  ['/v1/jobs', rollupJobRoutes],
  ['/v1/exports', exportRoutes],
  ['/v1/customers', customerRoutes],
  ['/v1/audit', auditRoutes],
  ['/v1/keywords', keywordRoutes],
] as const;

const SECURITY_SCHEMES = {
  apiKey: { type: 'http', scheme: 'bearer', description: 'Store API key (sk_…), or a widget token (HS256 JWT) where `x-access.roles` lists its role' },
  operator: { type: 'http', scheme: 'bearer', description: 'Operator token' },
  signature: { type: 'apiKey', in: 'header', name: 'webhook-signature', description: "The platform's own signature scheme (docs/platforms.md)" },
} as const;

export function createApp(clock: () => number = Date.now) {
  const app = new OpenAPIHono<AppEnv>();
  app.use(requestId());
  app.use(async (c, next) => {
    c.set('db', getDb(c.env.DB));
    c.set('now', clock);
    await next();
  });
  // The widget runs inside each seller's own admin console, on their origin. Auth is a bearer token,
  // never a cookie, so any origin may call the API.
  app.use('/v1/*', cors({ origin: '*', allowHeaders: ['authorization', 'content-type'], allowMethods: ['GET', 'POST', 'PATCH', 'OPTIONS'], exposeHeaders: ['x-request-id'], maxAge: 600 }));
  app.onError(handleError);
  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404));

  // The baseline the ingest benchmark compares against: the same runtime and middleware, no work. Not part of the API.
  app.post('/noop', (c) => c.json({ ok: true }, 202));

  for (const [path, routes] of ROUTERS) app.route(path, routes);
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  app.doc31('/openapi.json', (c) => openApiConfig(c));
  return app;
}
