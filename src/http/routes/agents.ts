import { Hono } from 'hono';
import { createAgentInput, createAgent, getAgent, listAgents, patchAgent, patchAgentInput } from '../../services/roster';
import { storeAuth, teamScope } from '../auth';
import type { AppEnv } from '../context';
import { notFound } from '../../domain/errors';
import { jsonBody } from '../validate';

// Reading the roster is open to manager, QA and lead widgets (a lead sees their team); changing it needs the API key.
const readers = storeAuth(['manager', 'qa', 'lead']);
const writers = storeAuth();

export const agentRoutes = new Hono<AppEnv>()
  .get('/', readers, async (c) => {
    const team = teamScope(c.get('principal')) ?? c.req.query('team') ?? null;
    return c.json({ data: await listAgents(c.get('db'), c.get('storeId'), { team }) });
  })
  .get('/:id', readers, async (c) => {
    const agent = await getAgent(c.get('db'), c.get('storeId'), c.req.param('id'));
    const team = teamScope(c.get('principal'));
    if (team !== null && agent.team !== team) throw notFound('Agent');
    return c.json(agent);
  })
  .post('/', writers, async (c) => {
    const input = await jsonBody(c, createAgentInput);
    return c.json(await createAgent(c.get('db'), c.get('storeId'), input, c.get('now')()), 201);
  })
  .patch('/:id', writers, async (c) => {
    const input = await jsonBody(c, patchAgentInput);
    return c.json(await patchAgent(c.get('db'), c.get('storeId'), c.req.param('id'), input, c.get('now')()));
  });
