import { Hono } from 'hono';
import { conversationSummary, getConversation, listConversations, listQuery, messageView } from '../../services/conversations';
import { agentScope, storeAuth, teamScope } from '../auth';
import type { AppEnv } from '../context';
import { queryParams } from '../validate';

const visibility = (c: { get: (k: 'principal') => AppEnv['Variables']['principal'] }) => ({
  agentId: agentScope(c.get('principal')),
  team: teamScope(c.get('principal')),
});

export const conversationRoutes = new Hono<AppEnv>()
  .use(storeAuth(['agent', 'lead', 'qa', 'manager']))
  .get('/', async (c) => {
    const q = queryParams(c, listQuery);
    return c.json(await listConversations(c.get('db'), c.get('storeId'), q, visibility(c)));
  })
  .get('/:id', async (c) => {
    const { row, messages, autoQa } = await getConversation(c.get('db'), c.env.ARCHIVE, c.get('storeId'), c.req.param('id'), visibility(c));
    return c.json({ ...conversationSummary(row), messages: messages.map(messageView), autoQa });
  });
