import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { QueueMessage } from '../../src/env';
import { handleQueueBatch } from '../../src/jobs/queue';
import { addDays, localDate } from '../../src/lib/time';
import { call, createTestStore, expectError, OPERATOR_TOKEN } from '../helpers/api';
import { countIn, storeDb } from '../helpers/stores';

/** One value per class of bad day: today, tomorrow, far future, far past, not a calendar day. */
const count = async (sql: string, storeId: string) => countIn(await storeDb(storeId), sql, storeId);

describe('the daily job refuses days that have not ended in the store’s zone', () => {
  // Zones either side of UTC, so "today" and "yesterday" differ from the UTC ones at most hours.
  for (const timezone of ['Pacific/Kiritimati', 'Asia/Shanghai', 'Pacific/Pago_Pago']) {
    it(`in ${timezone}: today, later and absurd dates are a 400 naming date, and store nothing`, async () => {
      const { storeId, apiKey } = await createTestStore({ timezone });
      const today = localDate(Date.now(), timezone);
      for (const date of [today, addDays(today, 1), '9999-12-31', '2101-01-01', '0001-01-01', '1999-12-31', '2026-02-30', '2026-1-1']) {
        expectError(await call('POST', '/v1/jobs/daily', { token: apiKey, body: { date } }), 400, 'invalid_request', 'date');
      }
      expect(await count('select count(*) as n from sample_days where store_id = ?', storeId)).toBe(0);
      // The last day that has ended there is accepted.
      expect((await call('POST', '/v1/jobs/daily', { token: apiKey, body: { date: addDays(today, -1) } })).status).toBe(201);
    });
  }

  it('a queued daily job for a day not ended is dropped, not stored and not retried', async () => {
    const { storeId } = await createTestStore();
    const batch = createMessageBatch<QueueMessage>('shopqa-ingest', [{ id: 'd-1', timestamp: new Date(), attempts: 1, body: { kind: 'daily', storeId, date: localDate(Date.now(), 'Asia/Shanghai') } }]);
    await handleQueueBatch(batch, env);
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.explicitAcks).toEqual(['d-1']);
    expect(result.retryMessages).toEqual([]);
    expect(await count('select count(*) as n from sample_days where store_id = ?', storeId)).toBe(0);
  });

  it('reads of a day take the same bounds', async () => {
    const { apiKey } = await createTestStore();
    expectError(await call('GET', '/v1/samples?date=9999-12-31', { token: apiKey }), 400, 'invalid_request', 'date');
    expectError(await call('GET', '/v1/reports/calibration?date=0001-01-01', { token: apiKey }), 400, 'invalid_request', 'date');
    expectError(await call('GET', '/v1/reviews?date=9999-12-31', { token: apiKey }), 400, 'invalid_request', 'date');
  });
});

describe('zones, hire dates and ranges', () => {
  let apiKey: string;
  beforeAll(async () => ({ apiKey } = await createTestStore({ timezone: 'Pacific/Kiritimati' })));

  it('a store’s zone is an IANA name, never an offset', async () => {
    const create = (timezone: unknown) => call('POST', '/v1/operator/stores', { token: OPERATOR_TOKEN, body: { name: 'tz', timezone, locale: 'en' } });
    for (const timezone of ['+08:00', '-0800', '08:00', 'UTC+8', 'GMT+08:00', '', 'Asia/Shanghai\u0000', 'Mars/Olympus', 'x'.repeat(100), 8]) {
      expectError(await create(timezone), 400, 'invalid_request', 'timezone');
    }
    for (const timezone of ['UTC', 'Etc/GMT-8', 'America/New_York']) expect((await create(timezone)).status).toBe(201);
  });

  it('a hire date is not in the future nor absurd, on creation and on change', async () => {
    const today = localDate(Date.now(), 'Pacific/Kiritimati');
    for (const hiredAt of ['9999-12-31', addDays(today, 1), '1969-12-31', '0000-01-01']) {
      expectError(await call('POST', '/v1/agents', { token: apiKey, body: { name: 'n', hiredAt } }), 400, 'invalid_request', 'hiredAt');
    }
    const agent = await call('POST', '/v1/agents', { token: apiKey, body: { name: 'n', hiredAt: today } });
    expect(agent.status).toBe(201);
    expectError(await call('PATCH', `/v1/agents/${agent.json.id}`, { token: apiKey, body: { hiredAt: '9999-12-31' } }), 400, 'invalid_request', 'hiredAt');
    expect((await call('GET', `/v1/agents/${agent.json.id}`, { token: apiKey })).json.hiredAt).toBe(today);
  });

  it('from after (or equal to) to is a 400 naming to', async () => {
    const q = (from: string, to: string) => call('GET', `/v1/conversations?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { token: apiKey });
    expectError(await q('2026-11-22T00:00:00Z', '2026-11-21T00:00:00Z'), 400, 'invalid_request', 'to');
    expectError(await q('2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z'), 400, 'invalid_request', 'to');
    expectError(await q('0001-01-01T00:00:00Z', '2026-11-21T00:00:00Z'), 400, 'invalid_request', 'from');
    expect((await q('2026-11-21T00:00:00+08:00', '2026-11-21T00:00:00Z')).status).toBe(200);
  });

  it('query flags take their declared values only', async () => {
    const card = (await call('GET', '/v1/scorecards', { token: apiKey })).json.data[0];
    const { id: _id, version: _v, active: _a, createdAt: _c, ...definition } = card;
    for (const flag of ['yes', '1', 'TRUE', '']) {
      expectError(await call('POST', `/v1/scorecards?activate=${flag}`, { token: apiKey, body: definition }), 400, 'invalid_request', 'activate');
    }
    expect((await call('GET', '/v1/scorecards', { token: apiKey })).json.data).toHaveLength(2);
    expect((await call('POST', '/v1/scorecards?activate=true', { token: apiKey, body: definition })).status).toBe(201);
  });
});
