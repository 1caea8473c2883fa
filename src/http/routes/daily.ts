import { Hono } from 'hono';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { countingD1 } from '../../db/counting';
import { runDailyJob } from '../../jobs/daily';
import { calibrationReport, getSampleDay } from '../../services/sampling';
import { storeAuth, teamScope } from '../auth';
import type { AppEnv } from '../context';
import { notFound } from '../../domain/errors';
import { jsonBody, queryParams } from '../validate';

const dateBody = z.object({ date: z.iso.date() });
const dateQuery = z.object({ date: z.iso.date() });

/** POST /v1/jobs/daily: the daily job for a local date, now (the cron runs the same code). Idempotent. */
export const jobRoutes = new Hono<AppEnv>().use(storeAuth()).post('/daily', async (c) => {
  const { date } = await jsonBody(c, dateBody);
  // Counted, because one invocation may send at most 1,000 queries to D1: the response says how many it used.
  const counter = countingD1(c.get('storeD1'));
  const started = Date.now();
  const result = await runDailyJob(getDb(counter.db), c.get('storeId'), date, c.get('now')());
  if (!result) throw notFound('Store');
  return c.json({ ...result, stats: { queries: counter.count(), ms: Date.now() - started } }, result.created ? 201 : 200);
});

export const sampleRoutes = new Hono<AppEnv>().use(storeAuth(['manager', 'qa', 'lead'])).get('/', async (c) => {
  const { date } = queryParams(c, dateQuery);
  return c.json(await getSampleDay(c.get('db'), c.get('storeId'), date, teamScope(c.get('principal'))));
});

export const calibrationRoutes = new Hono<AppEnv>().use(storeAuth(['manager', 'lead'])).get('/', async (c) => {
  const { date } = queryParams(c, z.object({ date: z.iso.date().optional() }));
  return c.json(await calibrationReport(c.get('db'), c.get('storeId'), date ?? null));
});
