import { z } from '@hono/zod-openapi';
import { auditQuery, listAudit } from '../../services/audit';
import { eraseCustomer, eraseInput } from '../../services/erasure';
import { actorOf } from '../auth';
import { API_KEY, defineRoute, json, jsonBodyOf, router, storeOr } from '../route';
import { AuditEntrySchema, ErasureSchema } from '../schemas/reports';

const erase = defineRoute({
  method: 'post', path: '/{customerId}/erase', tags: ['data care'], access: API_KEY,
  summary:
    "Erase one customer (the platform's customer id): their messages, name, id and rating comment, contact details and their name in staff messages, AutoQA quotes of their words, and the stored raw deliveries of their conversations. Scores and reviews stay. Recorded in the audit log. At most 50 conversations per call: repeat while `complete` is false.",
  request: { params: z.object({ customerId: z.string().min(1).max(200) }), body: jsonBodyOf(eraseInput) },
  responses: { 200: json(ErasureSchema, 'What was erased') },
});

const list = defineRoute({
  method: 'get', path: '/', tags: ['data care'], access: storeOr('manager'),
  summary: 'The audit log, newest first: settings and scorecard changes, key rotations, erasures, score changes',
  request: { query: auditQuery },
  responses: { 200: json(z.object({ data: z.array(AuditEntrySchema), nextCursor: z.string().nullable() }), 'A page of entries') },
});

export const customerRoutes = router().openapi(erase, async (c) =>
  c.json(await eraseCustomer(c.get('db'), c.get('storeId'), c.req.valid('param').customerId, c.req.valid('json'), actorOf(c.get('principal')), c.get('now')()), 200),
);

export const auditRoutes = router().openapi(list, async (c) => c.json(await listAudit(c.get('db'), c.get('storeId'), c.req.valid('query')), 200));
