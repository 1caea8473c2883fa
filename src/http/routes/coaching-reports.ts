import { auditQuery, listAudit } from '../../services/audit';
import { effectivenessQuery, effectivenessReport, repeatErrorReport, repeatQuery, serviceStarsReport, starsQuery } from '../../services/coaching-reports';
import { coachingScope } from '../auth';
import { defineRoute, json, router, storeOr } from '../route';
import { AuditListSchema, EffectivenessSchema, RepeatErrorsSchema, StarsSchema } from '../schemas/coaching';

const tags = ['reports'];
const leads = storeOr('lead', 'manager');

const repeats = defineRoute({
  method: 'get', path: '/repeat-errors', tags, access: leads,
  summary: 'Repeat-error rate (an item failed again after feedback on it) by agent, item and both, for a day, ISO week or month',
  request: { query: repeatQuery },
  responses: { 200: json(RepeatErrorsSchema, 'Checks, repeats and rates') },
});
const effectiveness = defineRoute({
  method: 'get', path: '/coaching-effectiveness', tags, access: leads,
  summary: "Per item: the failure rate in coached agents' samples before the card against after it",
  request: { query: effectivenessQuery },
  responses: { 200: json(EffectivenessSchema, 'Before and after, per item') },
});
const stars = defineRoute({
  method: 'get', path: '/service-stars', tags, access: leads,
  summary: 'Service stars of a month: the top reviewed averages among agents with enough reviews',
  request: { query: starsQuery },
  responses: { 200: json(StarsSchema, 'The stars, best first') },
});
const audit = defineRoute({
  method: 'get', path: '/', tags: ['audit'], access: storeOr('manager'),
  summary: 'The audit log: who changed what, when, before, after and why (every score change), newest first',
  request: { query: auditQuery },
  responses: { 200: json(AuditListSchema, 'A page of entries and the cursor of the next') },
});

export const coachingReportRoutes = router()
  .openapi(repeats, async (c) => c.json(await repeatErrorReport(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('query')), 200))
  .openapi(effectiveness, async (c) => c.json(await effectivenessReport(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('query')), 200))
  .openapi(stars, async (c) => c.json(await serviceStarsReport(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('query'), c.get('now')()), 200));

export const auditRoutes = router().openapi(audit, async (c) => c.json(await listAudit(c.get('db'), c.get('storeId'), c.req.valid('query')), 200));
