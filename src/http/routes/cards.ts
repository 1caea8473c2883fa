import { z } from '@hono/zod-openapi';
import { acknowledgeCard, cardListQuery, getCard, latestCard, listCards } from '../../services/cards';
import { coachingScope } from '../auth';
import { timezoneOf } from '../timezone';
import { defineRoute, idParam, json, router, storeOr } from '../route';
import { CardListSchema, CardSchema, LatestCardSchema } from '../schemas/coaching';

// Criticise in private: a card is between the agent and their lead (and the manager); QA tokens get 403.
const readers = storeOr('agent', 'lead', 'manager');
const tags = ['coaching'];

const list = defineRoute({
  method: 'get', path: '/', tags, access: readers,
  summary: 'Coaching cards, newest first (an agent token sees its own, a lead token its team); with date, also who has no card and why',
  request: { query: cardListQuery },
  responses: { 200: json(CardListSchema, 'Cards and, for a date, the agents without one') },
});
const latest = defineRoute({
  method: 'get', path: '/latest', tags, access: readers,
  summary: "An agent's newest card (agent tokens: their own); without one, the store's yesterday and why",
  request: { query: z.object({ agentId: z.string().min(1).max(200).optional() }) },
  responses: { 200: json(LatestCardSchema, 'The newest card, or the reason there is none') },
});
const one = defineRoute({
  method: 'get', path: '/{id}', tags, access: readers,
  summary: 'A card: praise, improvements (quoted fact, item, better way, dispute outcome), close with the trend',
  request: { params: idParam },
  responses: { 200: json(CardSchema, 'The card') },
});
const acknowledge = defineRoute({
  method: 'post', path: '/{id}/acknowledge', tags, access: storeOr('agent'),
  summary: 'The agent acknowledges their card: the loop is closed (repeating it changes nothing)',
  request: { params: idParam },
  responses: { 200: json(CardSchema, 'The acknowledged card') },
});

export const cardRoutes = router()
  .openapi(list, async (c) => c.json(await listCards(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('query')), 200))
  .openapi(latest, async (c) => {
    const timezone = await timezoneOf(c);
    return c.json(await latestCard(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('query').agentId ?? null, timezone, c.get('now')()), 200);
  })
  .openapi(one, async (c) => {
    const timezone = await timezoneOf(c);
    return c.json(await getCard(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('param').id, timezone), 200);
  })
  .openapi(acknowledge, async (c) => {
    const timezone = await timezoneOf(c);
    return c.json(await acknowledgeCard(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('param').id, timezone, c.get('now')()), 200);
  });
