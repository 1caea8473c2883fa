import { createReviewer, getReviewer, listReviewers, patchReviewer, reviewerInput, reviewerPatch } from '../../services/reviewers';
import { API_KEY, defineRoute, idParam, json, jsonBodyOf, router, storeOr } from '../route';
import { listOf } from '../schemas/common';
import { ReviewerSchema } from '../schemas/roster';

const readers = storeOr('manager', 'lead', 'qa');
const tags = ['reviews'];

const list = defineRoute({ method: 'get', path: '/', tags, summary: 'QA reviewers', access: readers, responses: { 200: json(listOf(ReviewerSchema), 'Reviewers') } });
const one = defineRoute({ method: 'get', path: '/{id}', tags, summary: 'One reviewer', access: readers, request: { params: idParam }, responses: { 200: json(ReviewerSchema, 'The reviewer') } });
const create = defineRoute({
  method: 'post', path: '/', tags, summary: 'Add a QA reviewer (agentId if they also answer chats)', access: API_KEY,
  request: { body: jsonBodyOf(reviewerInput) },
  responses: { 201: json(ReviewerSchema, 'The new reviewer') },
});
const patch = defineRoute({
  method: 'patch', path: '/{id}', tags, summary: 'Change a reviewer', access: API_KEY,
  request: { params: idParam, body: jsonBodyOf(reviewerPatch) },
  responses: { 200: json(ReviewerSchema, 'The changed reviewer') },
});

export const reviewerRoutes = router()
  .openapi(list, async (c) => c.json({ data: await listReviewers(c.get('db'), c.get('storeId')) }, 200))
  .openapi(one, async (c) => c.json(await getReviewer(c.get('db'), c.get('storeId'), c.req.valid('param').id), 200))
  .openapi(create, async (c) => c.json(await createReviewer(c.get('db'), c.get('storeId'), c.req.valid('json')), 201))
  .openapi(patch, async (c) => c.json(await patchReviewer(c.get('db'), c.get('storeId'), c.req.valid('param').id, c.req.valid('json')), 200));
