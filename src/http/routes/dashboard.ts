import { z } from '@hono/zod-openapi';
import { isoDay, DAYS_IN_ORDER } from '../../domain/dates';
import { dashboardQuery, getDashboard } from '../../services/dashboard';
import { refreshRollups } from '../../services/rollups';
import { getSettings } from '../../services/settings';
import { teamAsked } from '../auth';
import { API_KEY, defineRoute, json, jsonBodyOf, router, storeOr } from '../route';
import { isoDate } from '../schemas/common';
import { DashboardSchema } from '../schemas/reports';

const dashboard = defineRoute({
  method: 'get', path: '/', tags: ['reports'], access: storeOr('manager', 'lead'),
  summary: "The team dashboard of a day, ISO week or month against the period before: reviews, average, pass rate, coverage, items failed most (agent × item), calibration, service stars; per team and agent. A lead's token holds their team only.",
  request: { query: dashboardQuery },
  responses: { 200: json(DashboardSchema, 'The figures') },
});

const MAX_DAYS = 92;
const rollupInput = z
  .object({ from: isoDay(), to: isoDay() })
  .refine((v) => v.from <= v.to, DAYS_IN_ORDER)
  .refine((v) => (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 < MAX_DAYS, { message: `at most ${MAX_DAYS} days per call`, path: ['to'] });
const rollups = defineRoute({
  method: 'post', path: '/rollups', tags: ['reports'], access: API_KEY,
  summary: 'Rebuild the dashboard rollups of a run of local days from the reviews and samples (a backfill; the daily job and each review keep them current)',
  request: { body: jsonBodyOf(rollupInput) },
  responses: { 200: json(z.object({ from: isoDate, to: isoDate, statements: z.number().int(), calibrationPairs: z.number().int() }), 'Rebuilt') },
});

export const dashboardRoutes = router().openapi(dashboard, async (c) => {
  const q = c.req.valid('query');
  // A lead gets their own team's figures; naming another team is refused.
  return c.json(await getDashboard(c.get('db'), c.get('storeId'), q, teamAsked(c.get('principal'), q.team), c.get('now')()), 200);
});

export const rollupJobRoutes = router().openapi(rollups, async (c) => {
  const { from, to } = c.req.valid('json');
  const db = c.get('db');
  const { passScore } = (await getSettings(db, c.get('storeId'))).reports;
  return c.json({ from, to, ...(await refreshRollups(db, c.get('storeId'), from, to, passScore)) }, 200);
});
