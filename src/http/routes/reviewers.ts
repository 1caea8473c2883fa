import { Hono } from 'hono';
import { createReviewer, getReviewer, listReviewers, patchReviewer, reviewerInput, reviewerPatch } from '../../services/reviewers';
import { storeAuth } from '../auth';
import type { AppEnv } from '../context';
import { jsonBody } from '../validate';

export const reviewerRoutes = new Hono<AppEnv>()
  .get('/', storeAuth(['manager', 'lead', 'qa']), async (c) => c.json({ data: await listReviewers(c.get('db'), c.get('storeId')) }))
  .get('/:id', storeAuth(['manager', 'lead', 'qa']), async (c) => c.json(await getReviewer(c.get('db'), c.get('storeId'), c.req.param('id'))))
  .post('/', storeAuth(), async (c) => c.json(await createReviewer(c.get('db'), c.get('storeId'), await jsonBody(c, reviewerInput)), 201))
  .patch('/:id', storeAuth(), async (c) => c.json(await patchReviewer(c.get('db'), c.get('storeId'), c.req.param('id'), await jsonBody(c, reviewerPatch))));
