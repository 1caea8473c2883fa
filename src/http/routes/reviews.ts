import { Hono } from 'hono';
import { getReview, listQuery, listReviews, submitInput, submitReview, type ReviewScope } from '../../services/reviews';
import { storeAuth } from '../auth';
import type { AppEnv } from '../context';
import { jsonBody, queryParams } from '../validate';

/** A QA reviewer's token (`sub` = reviewer id) sees and submits only its own queue; managers and the API key see all. */
const scope = (principal: AppEnv['Variables']['principal']): ReviewScope => ({
  reviewerId: principal.kind === 'widget' && principal.claims.role === 'qa' ? principal.claims.sub : null,
});

export const reviewRoutes = new Hono<AppEnv>()
  .use(storeAuth(['qa', 'manager']))
  .get('/', async (c) => c.json({ data: await listReviews(c.get('db'), c.get('storeId'), queryParams(c, listQuery), scope(c.get('principal'))) }))
  .get('/:id', async (c) => c.json(await getReview(c.get('db'), c.env.ARCHIVE, c.get('storeId'), c.req.param('id'), scope(c.get('principal')))))
  .post('/:id/submit', async (c) => {
    const input = await jsonBody(c, submitInput);
    return c.json(await submitReview(c.get('db'), c.env.ARCHIVE, c.get('storeId'), c.req.param('id'), input, scope(c.get('principal')), c.get('now')()));
  });
