import { agreementQuery, autoQaAgreement } from '../../services/agreement';
import { defineRoute, json, router, storeOr } from '../route';
import { AutoQaAgreementSchema } from '../schemas/agreement';

const agreement = defineRoute({
  method: 'get',
  path: '/',
  tags: ['reports'],
  summary: "Per scorecard item: how often reviewers kept AutoQA's outcome, and the overrides, over reviews submitted between two local dates",
  access: storeOr('manager', 'qa'),
  request: { query: agreementQuery },
  responses: { 200: json(AutoQaAgreementSchema, 'Agreement per item') },
});

/** GET /v1/reports/autoqa-agreement?from&to */
export const agreementRoutes = router().openapi(agreement, async (c) => c.json(await autoQaAgreement(c.get('db'), c.get('storeId'), c.req.valid('query')), 200));
