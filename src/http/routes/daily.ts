import { z } from '@hono/zod-openapi';
import { getDb } from '../../db/client';
import { countingD1 } from '../../db/counting';
import { isoDay } from '../../domain/dates';
import { notFound } from '../../domain/errors';
import { runCardsJob } from '../../jobs/cards';
import { endedDayRange, runDailyJob } from '../../jobs/daily';
import { calibrationReport, getSampleDay } from '../../services/sampling';
import { teamScope } from '../auth';
import { timezoneOf } from '../timezone';
import { API_KEY, defineRoute, json, jsonBodyOf, router, storeOr } from '../route';
import { CardsJobSchema } from '../schemas/coaching';
import { CalibrationSchema, DailyJobSchema, SampleDaySchema } from '../schemas/sampling';

const tags = ['sampling'];
// Absurd days are refused by the bounds; the job itself refuses a day not ended in the store's zone.
const date = isoDay();

const runDaily = defineRoute({
  method: 'post', path: '/daily', tags, summary: 'Run the daily job for a local date now (idempotent): sample, assign, coverage', access: API_KEY,
  request: { body: jsonBodyOf(z.object({ date })) },
  responses: { 201: json(DailyJobSchema, 'The day was sampled now'), 200: json(DailyJobSchema, 'The day had been sampled before: its record') },
});
const runCards = defineRoute({
  method: 'post', path: '/cards', tags: ['coaching'], access: API_KEY,
  summary: "Make a local date's coaching cards now (the cron runs the same code): agents whose reviews are in, or all with one when forced; updates the unstable flag and opens 1:1 tasks. Idempotent",
  request: { body: jsonBodyOf(z.object({ date, force: z.boolean().default(false) })) },
  responses: { 200: json(CardsJobSchema, 'Cards made, skipped with why, flags changed') },
});
const sampleDay = defineRoute({
  method: 'get', path: '/', tags, summary: 'A sampled day: coverage, per agent quota and selections with reasons', access: storeOr('manager', 'qa', 'lead'),
  request: { query: z.object({ date }) },
  responses: { 200: json(SampleDaySchema, 'The day') },
});
const calibration = defineRoute({
  method: 'get', path: '/', tags: ['reports'], summary: 'Reviewer agreement from blind calibration pairs', access: storeOr('manager', 'lead'),
  request: { query: z.object({ date: date.optional() }) },
  responses: { 200: json(CalibrationSchema, 'Agreement per reviewer') },
});

/** POST /v1/jobs/daily and /v1/jobs/cards: the daily sample and the day's cards for a local date, now (the cron runs the same code). */
export const jobRoutes = router()
  .openapi(runDaily, async (c) => {
    // Counted, because one invocation may send at most 1,000 queries to D1: the response says how many it used.
    const counter = countingD1(c.get('storeD1'));
    const started = Date.now();
    const result = await runDailyJob(getDb(counter.db), c.get('storeId'), c.req.valid('json').date, c.get('now')());
    if (!result) throw notFound('Store');
    const body = { ...result, stats: { queries: counter.count(), ms: Date.now() - started } };
    return result.created ? c.json(body, 201) : c.json(body, 200);
  })
  .openapi(runCards, async (c) => {
    const counter = countingD1(c.get('storeD1'));
    const started = Date.now();
    const { date: day, force } = c.req.valid('json');
    // No review of a day still running exists (its sample is drawn after it ends): refused as by the daily job.
    endedDayRange(day, await timezoneOf(c), c.get('now')());
    const result = await runCardsJob(getDb(counter.db), c.env.ARCHIVE, c.get('storeId'), day, c.get('now')(), { force });
    if (!result) throw notFound('Store');
    return c.json({ ...result, stats: { queries: counter.count(), ms: Date.now() - started } }, 200);
  });

export const sampleRoutes = router().openapi(sampleDay, async (c) => c.json(await getSampleDay(c.get('db'), c.get('storeId'), c.req.valid('query').date, teamScope(c.get('principal'))), 200));

export const calibrationRoutes = router().openapi(calibration, async (c) => c.json(await calibrationReport(c.get('db'), c.get('storeId'), c.req.valid('query').date ?? null, teamScope(c.get('principal'))), 200));
