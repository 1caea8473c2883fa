import { z } from '@hono/zod-openapi';
import { eraseCustomer, eraseInput } from '../../services/erasure';
import { actorOf } from '../../services/coaching-scope';
import { coachingScope } from '../auth';
import { API_KEY, defineRoute, json, jsonBodyOf, router } from '../route';
import { ErasureSchema } from '../schemas/reports';

const erase = defineRoute({
  method: 'post', path: '/{customerId}/erase', tags: ['data care'], access: API_KEY,
  summary:
    "Erase one customer (the platform's customer id): their messages, name, id and rating comment, contact details and their name in staff messages, AutoQA quotes of their words, and the stored raw deliveries of their conversations. Scores and reviews stay. Recorded in the audit log. At most 50 conversations per call: repeat while `complete` is false.",
  request: { params: z.object({ customerId: z.string().min(1).max(200) }), body: jsonBodyOf(eraseInput) },
  responses: { 200: json(ErasureSchema, 'What was erased') },
});

export const customerRoutes = router().openapi(erase, async (c) =>
  c.json(await eraseCustomer(c.get('db'), c.env.ARCHIVE, c.get('storeId'), c.req.valid('param').customerId, c.req.valid('json'), actorOf(coachingScope(c.get('principal'))), c.get('now')()), 200),
);
