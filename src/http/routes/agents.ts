import { z } from '@hono/zod-openapi';
import { createAgent, createAgentInput, getAgentInTeam, listAgents, patchAgent, patchAgentInput } from '../../services/roster';
import { teamAsked, teamScope } from '../auth';
import { API_KEY, defineRoute, idParam, json, jsonBodyOf, router, storeOr } from '../route';
import { listOf } from '../schemas/common';
import { AgentSchema } from '../schemas/roster';

// Reading the roster is open to manager, QA and lead widgets (a lead sees their team); changing it needs the API key.
const readers = storeOr('manager', 'qa', 'lead');
const tags = ['roster'];

const list = defineRoute({
  method: 'get', path: '/', tags, summary: 'The roster (a lead token sees its team)', access: readers,
  request: { query: z.object({ team: z.string().min(1).max(100).optional() }) },
  responses: { 200: json(listOf(AgentSchema), 'Agents by name') },
});
const one = defineRoute({
  method: 'get', path: '/{id}', tags, summary: 'One agent', access: readers,
  request: { params: idParam },
  responses: { 200: json(AgentSchema, 'The agent') },
});
const create = defineRoute({
  method: 'post', path: '/', tags, summary: 'Add an agent', access: API_KEY,
  request: { body: jsonBodyOf(createAgentInput) },
  responses: { 201: json(AgentSchema, 'The new agent') },
});
const patch = defineRoute({
  method: 'patch', path: '/{id}', tags, summary: "Complete or change an agent; externalIds maps the platforms' agent ids", access: API_KEY,
  request: { params: idParam, body: jsonBodyOf(patchAgentInput) },
  responses: { 200: json(AgentSchema, 'The changed agent') },
});

export const agentRoutes = router()
  .openapi(list, async (c) => {
    const team = teamAsked(c.get('principal'), c.req.valid('query').team);
    return c.json({ data: await listAgents(c.get('db'), c.get('storeId'), { team }) }, 200);
  })
  .openapi(one, async (c) => c.json(await getAgentInTeam(c.get('db'), c.get('storeId'), c.req.valid('param').id, teamScope(c.get('principal'))), 200))
  .openapi(create, async (c) => c.json(await createAgent(c.get('db'), c.get('storeId'), c.req.valid('json'), c.get('now')()), 201))
  .openapi(patch, async (c) => c.json(await patchAgent(c.get('db'), c.get('storeId'), c.req.valid('param').id, c.req.valid('json'), c.get('now')()), 200));
