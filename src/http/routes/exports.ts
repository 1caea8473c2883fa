import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { auditCsv, auditExportQuery } from '../../services/audit-export';
import { reviewsCsv, reviewsExportQuery } from '../../services/exports';
import { monthlyCsv, monthlyExportQuery } from '../../services/monthly-report';
import { teamScope } from '../auth';
import type { AppEnv } from '../context';
import { defineRoute, router, storeOr } from '../route';

const tags = ['reports'];
const csv = (description: string) => ({ description, content: { 'text/csv': { schema: z.string().describe('RFC 4180, UTF-8 with a byte order mark, CRLF line ends; headers in the requested language') } } });

const reviews = defineRoute({
  method: 'get', path: '/reviews.csv', tags, access: storeOr('manager', 'lead'),
  summary: 'Reviews of a run of local days (at most 92), one row per scorecard item, streamed. A lead gets their team only. lang: zh-CN or en (default the store’s)',
  request: { query: reviewsExportQuery },
  responses: { 200: csv('The reviews') },
});
const monthly = defineRoute({
  method: 'get', path: '/monthly.csv', tags, access: storeOr('manager', 'lead'),
  summary: 'The monthly report: a row per agent, then per team and for the store (a lead: their team). lang: zh-CN or en',
  request: { query: monthlyExportQuery },
  responses: { 200: csv('The report') },
});
const audit = defineRoute({
  method: 'get', path: '/audit.csv', tags, access: storeOr('manager'),
  summary: 'The audit log of a run of local days, oldest first, times in the store’s zone',
  request: { query: auditExportQuery },
  responses: { 200: csv('The audit log') },
});

/** A streamed CSV download: nothing is built whole in memory, and nothing is kept on the server. */
function download(c: Context<AppEnv>, file: { stream: ReadableStream<Uint8Array>; filename: string }) {
  return c.body(file.stream, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${file.filename}"`,
    'cache-control': 'no-store',
  });
}

export const exportRoutes = router()
  .openapi(reviews, async (c) => download(c, await reviewsCsv(c.get('db'), c.get('storeId'), c.req.valid('query'), teamScope(c.get('principal')))))
  .openapi(monthly, async (c) => download(c, await monthlyCsv(c.get('db'), c.get('storeId'), c.req.valid('query'), teamScope(c.get('principal')))))
  .openapi(audit, async (c) => download(c, await auditCsv(c.get('db'), c.get('storeId'), c.req.valid('query'))));
