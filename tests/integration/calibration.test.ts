import { describe, expect, it } from 'vitest';
import { call, createConnection, createTestStore, expectError } from '../helpers/api';
import { drained, ev, sendGeneric } from '../helpers/generic';

describe('calibration', () => {
  it('draws blind second reviews by the store policy and reports agreement once both are submitted', async () => {
    const { apiKey } = await createTestStore();
    const policy = await call('PATCH', '/v1/settings', { token: apiKey, body: { sampling: { calibrationRate: 0.2 } } });
    expect(policy.json.sampling).toMatchObject({ calibrationRate: 0.2, standardQuota: 5 });
    expectError(await call('PATCH', '/v1/settings', { token: apiKey, body: { sampling: { newHireQuota: 20 } } }), 400, 'invalid_request', 'sampling.newHireQuota');
    const connection = await createConnection(apiKey, 'generic');
    const events = [];
    for (let a = 0; a < 4; a++) for (let k = 0; k < 6; k++) events.push(ev.message(`c-${a}-${k}`, `m-${a}-${k}`, 'agent', '您好', a * 10 + k, 0, { id: `agent-${a}`, name: `A${a}` }));
    await sendGeneric(connection, { events });
    await drained(connection.id);
    for (const name of ['R1', 'R2']) await call('POST', '/v1/reviewers', { token: apiKey, body: { name } });
    const job = await call('POST', '/v1/jobs/daily', { token: apiKey, body: { date: '2026-11-21' } });
    expect(job.json.coverage.selected).toBe(20);
    const all = (await call('GET', '/v1/reviews', { token: apiKey })).json.data as { id: string; conversationId: string; blind: boolean }[];
    const blind = all.filter((r) => r.blind);
    expect(blind).toHaveLength(4);
    const pair = all.filter((r) => r.conversationId === blind[0]!.conversationId);
    expect(pair).toHaveLength(2);
    for (const [i, review] of pair.entries()) {
      const detail = (await call('GET', `/v1/reviews/${review.id}`, { token: apiKey })).json;
      const items = detail.items.map((it: { itemId: string }) => (it.itemId === 'expression' && i === 1 ? { itemId: 'expression', outcome: 'fail', comment: '生硬' } : { itemId: it.itemId, outcome: 'pass' }));
      expect((await call('POST', `/v1/reviews/${review.id}/submit`, { token: apiKey, body: { items } })).status).toBe(200);
    }
    const report = await call('GET', '/v1/reports/calibration', { token: apiKey });
    expect(report.json.pairs).toBe(1);
    expect(report.json.reviewers).toHaveLength(2);
    expect(report.json.reviewers[0].meanScoreDiff).toBeGreaterThan(0);
    expect(report.json.reviewers[0].itemAgreement).toBeLessThan(1);
  });
});
