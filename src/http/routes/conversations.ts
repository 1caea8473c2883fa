import { conversationSummary, getConversation, listConversations, listQuery, messageView } from '../../services/conversations';
import { agentScope, teamScope } from '../auth';
import type { AppEnv } from '../context';
import { defineRoute, idParam, json, router, storeOr } from '../route';
import { ConversationListSchema, ConversationSchema } from '../schemas/conversations';

const visibility = (principal: AppEnv['Variables']['principal']) => ({ agentId: agentScope(principal), team: teamScope(principal) });
const access = storeOr('agent', 'lead', 'qa', 'manager');

const list = defineRoute({
  method: 'get',
  path: '/',
  tags: ['conversations'],
  summary: 'List conversations, newest first (an agent token sees its own, a lead token its team)',
  access,
  request: { query: listQuery },
  responses: { 200: json(ConversationListSchema, 'A page of conversations and the cursor of the next') },
});

const one = defineRoute({
  method: 'get',
  path: '/{id}',
  tags: ['conversations'],
  summary: 'A conversation with its messages and AutoQA evidence',
  access,
  request: { params: idParam },
  responses: { 200: json(ConversationSchema, 'The conversation') },
});

export const conversationRoutes = router()
  .openapi(list, async (c) => c.json(await listConversations(c.get('db'), c.get('storeId'), c.req.valid('query'), visibility(c.get('principal'))), 200))
  .openapi(one, async (c) => {
    const { row, agentName, messages, autoQa } = await getConversation(c.get('db'), c.env.ARCHIVE, c.get('storeId'), c.req.valid('param').id, visibility(c.get('principal')));
    return c.json({ ...conversationSummary(row, agentName), messages: messages.map(messageView), autoQa }, 200);
  });
