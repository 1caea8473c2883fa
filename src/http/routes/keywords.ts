import { keywordLists, sentenceTestInput, testStoreSentence } from '../../services/keywords';
import { defineRoute, json, jsonBodyOf, router, storeOr } from '../route';
import { KeywordListsSchema, SentenceTestSchema } from '../schemas/reports';

const tags = ['settings'];

const lists = defineRoute({
  method: 'get', path: '/', tags, access: storeOr('manager'),
  summary: 'The keyword lists in force, per locale and list, with the store’s additions and removals (change them with PATCH /v1/settings keywords)',
  responses: { 200: json(KeywordListsSchema, 'The lists') },
});
const test = defineRoute({
  method: 'post', path: '/test', tags, access: storeOr('manager'),
  summary: 'Test a sentence: which lists it matches and what the AutoQA rules make of it, said by an agent or a customer, with the saved lists or a draft of them',
  request: { body: jsonBodyOf(sentenceTestInput) },
  responses: { 200: json(SentenceTestSchema, 'Matches and verdicts') },
});

export const keywordRoutes = router()
  .openapi(lists, async (c) => c.json(await keywordLists(c.get('db'), c.get('storeId')), 200))
  .openapi(test, async (c) => c.json(await testStoreSentence(c.get('db'), c.get('storeId'), c.req.valid('json')), 200));
