import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import type { AppEnv } from './context';
import { errorBody, handleError } from './errors';
import { allowedMethods, routePatterns } from './method-not-allowed';
import { agentRoutes } from './routes/agents';
import { cardRoutes } from './routes/cards';
import { coachingRoutes } from './routes/coaching';
import { auditRoutes, coachingReportRoutes } from './routes/coaching-reports';
import { disputeRoutes } from './routes/disputes';
import { agreementRoutes } from './routes/agreement';
import { connectionRoutes } from './routes/connections';
import { conversationRoutes } from './routes/conversations';
import { calibrationRoutes, jobRoutes, sampleRoutes } from './routes/daily';
import { dashboardRoutes, rollupJobRoutes } from './routes/dashboard';
import { customerRoutes } from './routes/data-care';
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
  ['/v1/reports/autoqa-agreement', agreementRoutes],
  ['/v1/dashboard', dashboardRoutes],
  ['/v1/jobs', rollupJobRoutes],
  ['/v1/exports', exportRoutes],
  ['/v1/customers', customerRoutes],
  ['/v1/keywords', keywordRoutes],
  ['/v1/reports', coachingReportRoutes],
  ['/v1/cards', cardRoutes],
  ['/v1/disputes', disputeRoutes],
  ['/v1/audit', auditRoutes],
  ['/v1', coachingRoutes],
] as const;

/** JSON API bodies (scorecards, settings, submissions) are small; webhooks have their own 1 MiB limit. */
export const MAX_API_BODY_BYTES = 256 * 1024;
/** Served only where BENCH_NOOP=1 (the benchmark's wrangler dev); elsewhere the path does not exist. */
const BENCH_ROUTES = new Set(['/noop']);

const SECURITY_SCHEMES = {
  apiKey: { type: 'http', scheme: 'bearer', description: 'Store API key (sk_…), or a widget token (HS256 JWT) where `x-access.roles` lists its role' },
  operator: { type: 'http', scheme: 'bearer', description: 'Operator token' },
  signature: { type: 'apiKey', in: 'header', name: 'webhook-signature', description: "The platform's own signature scheme (docs/platforms.md)" },
} as const;

export function createApp(clock: () => number = Date.now) {
  const app = new OpenAPIHono<AppEnv>();
  app.use(requestId());
  app.use(async (c, next) => {
    // The store's database is known only once the caller is: storeAuth sets `db`.
    c.set('now', clock);
    await next();
  });
  // The widget runs inside each seller's own admin console, on their origin. Auth is a bearer token,
  // never a cookie, so any origin may call the API.
  app.use('/v1/*', cors({ origin: '*', allowHeaders: ['authorization', 'content-type'], allowMethods: ['GET', 'POST', 'PATCH', 'OPTIONS'], exposeHeaders: ['x-request-id'], maxAge: 600 }));
  app.use('/v1/*', bodyLimit({ maxSize: MAX_API_BODY_BYTES, onError: (c) => c.json(errorBody('payload_too_large', `The body exceeds ${MAX_API_BODY_BYTES / 1024} KiB`), 413) }));
  app.onError(handleError);
  // A path the route table serves under other methods is a 405 naming them; any other path a 404.
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

  // The baseline the ingest benchmark compares against: the same runtime and middleware, no work. Not
  // part of the API, and served only where BENCH_NOOP=1 (`npm run bench` sets it).
  app.post('/noop', (c, next) => (c.env.BENCH_NOOP === '1' ? c.json({ ok: true }, 202) : next()));

  for (const [path, routes] of ROUTERS) app.route(path, routes);
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  app.doc31('/openapi.json', (c) => openApiConfig(c));
  return app;
}
