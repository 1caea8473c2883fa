import { disputeListQuery, getDispute, listDisputes, openDispute, openDisputeInput, resolveDispute, resolveDisputeInput } from '../../services/disputes';
import { coachingScope } from '../auth';
import { defineRoute, idParam, json, jsonBodyOf, router, storeOr } from '../route';
import { ErrorSchema, listOf } from '../schemas/common';
import { DisputeSchema } from '../schemas/coaching';

const tags = ['coaching'];
const readers = storeOr('agent', 'lead', 'qa', 'manager');

const open = defineRoute({
  method: 'post', path: '/', tags, access: storeOr('agent'),
  summary: 'The agent disputes one item of their own review, with a reason (once per item)',
  request: { body: jsonBodyOf(openDisputeInput) },
  responses: { 201: json(DisputeSchema, 'The open dispute'), 409: json(ErrorSchema, 'The item was already disputed') },
});
const list = defineRoute({
  method: 'get', path: '/', tags, access: readers,
  summary: 'Disputes, open first (an agent token sees its own, a lead token its team)',
  request: { query: disputeListQuery },
  responses: { 200: json(listOf(DisputeSchema), 'Disputes') },
});
const one = defineRoute({
  method: 'get', path: '/{id}', tags, access: readers, summary: 'One dispute and its outcome',
  request: { params: idParam },
  responses: { 200: json(DisputeSchema, 'The dispute') },
});
const resolve = defineRoute({
  method: 'post', path: '/{id}/resolve', tags, access: storeOr('lead', 'qa', 'manager'),
  summary: 'Accept (the item passes, the review is re-scored on the same scorecard version, audited) or reject with a reply',
  request: { params: idParam, body: jsonBodyOf(resolveDisputeInput) },
  responses: { 200: json(DisputeSchema, 'The resolved dispute'), 409: json(ErrorSchema, 'Already resolved') },
});

export const disputeRoutes = router()
  .openapi(open, async (c) => c.json(await openDispute(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('json'), c.get('now')()), 201))
  .openapi(list, async (c) => c.json(await listDisputes(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('query')), 200))
  .openapi(one, async (c) => c.json(await getDispute(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('param').id), 200))
  .openapi(resolve, async (c) => c.json(await resolveDispute(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('param').id, c.req.valid('json'), c.get('now')()), 200));
