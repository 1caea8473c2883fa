import { z } from '@hono/zod-openapi';
import { scorecardSchema } from '../../qa/scorecard';
import { activateScorecard, createScorecardVersion, getScorecard, listScorecards, scorecardView } from '../../services/scorecards';
import { actorOf } from '../../services/coaching-scope';
import { coachingScope } from '../auth';
import { defineRoute, idParam, json, jsonBodyOf, router, storeOr } from '../route';
import { listOf } from '../schemas/common';
import { ScorecardVersionSchema } from '../schemas/scorecards';

const readers = storeOr('manager', 'qa', 'lead');
const tags = ['scorecards'];

const list = defineRoute({ method: 'get', path: '/', tags, summary: 'Every scorecard version of the store (pre- and after-sales)', access: readers, responses: { 200: json(listOf(ScorecardVersionSchema), 'Versions') } });
const one = defineRoute({ method: 'get', path: '/{id}', tags, summary: 'One scorecard version', access: readers, request: { params: idParam }, responses: { 200: json(ScorecardVersionSchema, 'The version') } });
// An edit is a new version: the body is the whole scorecard; ?activate=true makes it current.
const create = defineRoute({
  method: 'post', path: '/', tags, summary: 'Save an edited scorecard as the next version (?activate=true to use it); reviews keep the version they were scored with', access: storeOr('manager'),
  request: { query: z.object({ activate: z.enum(['true', 'false']).default('false') }), body: jsonBodyOf(scorecardSchema) },
  responses: { 201: json(ScorecardVersionSchema, 'The new version') },
});
const activate = defineRoute({
  method: 'post', path: '/{id}/activate', tags, summary: 'Make a version the one new scores use', access: storeOr('manager'),
  request: { params: idParam },
  responses: { 200: json(ScorecardVersionSchema, 'The activated version') },
});

export const scorecardRoutes = router()
  .openapi(list, async (c) => c.json({ data: await listScorecards(c.get('db'), c.get('storeId')) }, 200))
  .openapi(one, async (c) => c.json(scorecardView(await getScorecard(c.get('db'), c.get('storeId'), c.req.valid('param').id)), 200))
  .openapi(create, async (c) => c.json(await createScorecardVersion(c.get('db'), c.get('storeId'), c.req.valid('json'), c.req.valid('query').activate === 'true', actorOf(coachingScope(c.get('principal'))), c.get('now')()), 201))
  .openapi(activate, async (c) => c.json(await activateScorecard(c.get('db'), c.get('storeId'), c.req.valid('param').id, actorOf(coachingScope(c.get('principal'))), c.get('now')()), 200));
