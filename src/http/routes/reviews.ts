import { getReview, listQuery, listReviews, submitInput, submitReview, type ReviewScope } from '../../services/reviews';
import type { AppEnv } from '../context';
import { defineRoute, idParam, json, jsonBodyOf, router, storeOr } from '../route';
import { listOf } from '../schemas/common';
import { ReviewSchema, ReviewSummarySchema } from '../schemas/reviews';

/** A QA reviewer's token (`sub` = reviewer id) sees and submits only its own queue; managers and the API key see all. */
const scope = (principal: AppEnv['Variables']['principal']): ReviewScope => ({
  reviewerId: principal.kind === 'widget' && principal.claims.role === 'qa' ? principal.claims.sub : null,
});
const access = storeOr('qa', 'manager');
const tags = ['reviews'];

const list = defineRoute({
  method: 'get', path: '/', tags, summary: 'Reviews (a QA token sees its own queue)', access,
  request: { query: listQuery },
  responses: { 200: json(listOf(ReviewSummarySchema), 'Reviews by day and agent') },
});
const one = defineRoute({
  method: 'get', path: '/{id}', tags, summary: 'A review: conversation, AutoQA evidence, scorecard version, pre-filled items', access,
  request: { params: idParam },
  responses: { 200: json(ReviewSchema, 'The review') },
});
const submit = defineRoute({
  method: 'post', path: '/{id}/submit', tags, summary: 'Submit a review (a deduction needs a comment)', access,
  request: { params: idParam, body: jsonBodyOf(submitInput) },
  responses: { 200: json(ReviewSchema, 'The submitted review'), 409: json(ReviewSchema.pick({ id: true }), 'Already submitted') },
});

export const reviewRoutes = router()
  .openapi(list, async (c) => c.json({ data: await listReviews(c.get('db'), c.get('storeId'), c.req.valid('query'), scope(c.get('principal'))) }, 200))
  .openapi(one, async (c) => c.json(await getReview(c.get('db'), c.env.ARCHIVE, c.get('storeId'), c.req.valid('param').id, scope(c.get('principal'))), 200))
  .openapi(submit, async (c) => c.json(await submitReview(c.get('db'), c.env.ARCHIVE, c.get('storeId'), c.req.valid('param').id, c.req.valid('json'), scope(c.get('principal')), c.get('now')()), 200));
