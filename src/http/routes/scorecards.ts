import { Hono } from 'hono';
import { z } from 'zod';
import { activateScorecard, createScorecardVersion, getScorecard, listScorecards, scorecardView } from '../../services/scorecards';
import { storeAuth } from '../auth';
import type { AppEnv } from '../context';
import { AppError } from '../../domain/errors';
import { queryParams } from '../validate';

const activateQuery = z.object({ activate: z.enum(['true', 'false']).default('false') });

export const scorecardRoutes = new Hono<AppEnv>()
  .get('/', storeAuth(['manager', 'qa', 'lead']), async (c) => c.json({ data: await listScorecards(c.get('db'), c.get('storeId')) }))
  .get('/:id', storeAuth(['manager', 'qa', 'lead']), async (c) => c.json(scorecardView(await getScorecard(c.get('db'), c.get('storeId'), c.req.param('id')))))
  // An edit is a new version: the body is the whole scorecard; ?activate=true makes it current.
  .post('/', storeAuth(), async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new AppError('invalid_json', 'The request body must be JSON');
    }
    const activate = queryParams(c, activateQuery).activate === 'true';
    return c.json(await createScorecardVersion(c.get('db'), c.get('storeId'), body, activate), 201);
  })
  .post('/:id/activate', storeAuth(), async (c) => c.json(await activateScorecard(c.get('db'), c.get('storeId'), c.req.param('id'))));
