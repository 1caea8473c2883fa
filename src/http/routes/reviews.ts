import { cardAfterReview } from '../../jobs/cards';
import { actorOf } from '../../services/coaching-scope';
import { getReview, listQuery, listReviews, progressQuery, reviewProgress, submitInput, submitReview, type ReviewScope } from '../../services/reviews';
import { addDays, localDate } from '../../lib/time';
import { agentScope, coachingScope, teamScope } from '../auth';
import { timezoneOf } from '../timezone';
import type { AppEnv } from '../context';
import { defineRoute, idParam, json, jsonBodyOf, router, storeOr } from '../route';
import { ErrorSchema, listOf } from '../schemas/common';
import { ProgressSchema } from '../schemas/coaching';
import { ReviewSchema, ReviewSummarySchema } from '../schemas/reviews';

/**
 * A QA reviewer's token (`sub` = reviewer id) sees and submits only its own queue; an agent token its
 * own submitted reviews (risk stripped); a lead token its team's; managers and the API key all.
 */
const scope = (principal: AppEnv['Variables']['principal']): ReviewScope => ({
  reviewerId: principal.kind === 'widget' && principal.claims.role === 'qa' ? principal.claims.sub : null,
  agentId: agentScope(principal),
  team: teamScope(principal),
});
const readers = storeOr('agent', 'lead', 'qa', 'manager');
const tags = ['reviews'];
/** Queue progress covers two weeks unless asked otherwise. */
const PROGRESS_DAYS = 14;

const list = defineRoute({
  method: 'get', path: '/', tags, access: readers,
  summary: 'Reviews (a QA token: its own queue; an agent: its own submitted reviews; a lead: its team)',
  request: { query: listQuery },
  responses: { 200: json(listOf(ReviewSummarySchema), 'Reviews by day and agent') },
});
const progress = defineRoute({
  method: 'get', path: '/progress', tags, access: storeOr('qa', 'manager'),
  summary: 'Review queue progress per sample date: done and to do (a QA token: its own queue)',
  request: { query: progressQuery },
  responses: { 200: json(ProgressSchema, 'Progress per day, newest first') },
});
const one = defineRoute({
  method: 'get', path: '/{id}', tags, access: readers,
  summary: 'A review: conversation, AutoQA evidence, scorecard version, pre-filled items',
  request: { params: idParam },
  responses: { 200: json(ReviewSchema, 'The review') },
});
const submit = defineRoute({
  method: 'post', path: '/{id}/submit', tags, access: storeOr('qa', 'manager'),
  summary: "Submit a review (a deduction needs a comment; an item may name the message it is about). The agent's last review of the day makes their card",
  request: { params: idParam, body: jsonBodyOf(submitInput) },
  responses: { 200: json(ReviewSchema, 'The submitted review'), 409: json(ErrorSchema, 'Already submitted') },
});

export const reviewRoutes = router()
  .openapi(list, async (c) => c.json({ data: await listReviews(c.get('db'), c.get('storeId'), c.req.valid('query'), scope(c.get('principal'))) }, 200))
  .openapi(progress, async (c) => {
    const timezone = await timezoneOf(c);
    const q = c.req.valid('query');
    const to = q.to ?? localDate(c.get('now')(), timezone);
    return c.json(await reviewProgress(c.get('db'), c.get('storeId'), scope(c.get('principal')), q.from ?? addDays(to, -(PROGRESS_DAYS - 1)), to), 200);
  })
  .openapi(one, async (c) => c.json(await getReview(c.get('db'), c.env.ARCHIVE, c.get('storeId'), c.req.valid('param').id, scope(c.get('principal'))), 200))
  .openapi(submit, async (c) => {
    const db = c.get('db');
    const { id } = c.req.valid('param');
    const review = await submitReview(db, c.env.ARCHIVE, c.get('storeId'), id, c.req.valid('json'), scope(c.get('principal')), c.get('now')(), actorOf(coachingScope(c.get('principal'))));
    await cardAfterReview(db, c.env.ARCHIVE, c.get('storeId'), id, c.get('now')());
    return c.json(review, 200);
  });
