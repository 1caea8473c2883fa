import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectError } from '../helpers/api';
import { passingItems, seedStoreDay, type SeededStore } from '../helpers/seed-day';
import { storeDb } from '../helpers/stores';

let store: SeededStore;

beforeAll(async () => {
  store = await seedStoreDay();
}, 30_000);

const stored = async (id: string) => (await storeDb(store.storeId)).prepare('select status, items, comment, score from reviews where id = ?').bind(id).first<{ status: string; items: string; comment: string; score: number }>();

describe('submitting a review', () => {
  it('of simultaneous submissions exactly one is written; the others get 409 and change nothing', async () => {
    const review = store.reviews[0]!;
    const items = await passingItems(store.apiKey, review.id);
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => call('POST', `/v1/reviews/${review.id}/submit`, { token: store.apiKey, body: { items, comment: `submission ${i}` } })),
    );
    const ok = answers.filter((a) => a.status === 200);
    expect(ok).toHaveLength(1);
    for (const lost of answers.filter((a) => a.status !== 200)) expectError(lost, 409, 'conflict');
    // What is stored is the winner's submission, whole.
    const row = await stored(review.id);
    expect(row).toMatchObject({ status: 'submitted', comment: ok[0]!.json.comment });
  });

  it('refuses a failed item that keeps full points, and points on an item that does not apply', async () => {
    const review = store.reviews[1]!;
    const items = await passingItems(store.apiKey, review.id);
    const detail = (await call('GET', `/v1/reviews/${review.id}`, { token: store.apiKey })).json;
    const greeting = detail.scorecard.categories.flatMap((c: { items: { id: string; maxPoints: number }[] }) => c.items).find((i: { id: string }) => i.id === 'greeting');
    const at = items.findIndex((i) => i.itemId === 'greeting');
    const submit = (change: Record<string, unknown>) =>
      call('POST', `/v1/reviews/${review.id}/submit`, { token: store.apiKey, body: { items: items.map((i, k) => (k === at ? { itemId: 'greeting', ...change } : i)) } });

    expectError(await submit({ outcome: 'fail', points: greeting.maxPoints, comment: '没有问候' }), 400, 'invalid_request', `items.${at}.points`);
    expectError(await submit({ outcome: 'fail', points: greeting.maxPoints + 1, comment: '没有问候' }), 400, 'invalid_request', `items.${at}.points`);
    expectError(await submit({ outcome: 'na', points: 0 }), 400, 'invalid_request', `items.${at}.points`);
    expect((await stored(review.id))?.status).toBe('pending');
    // Partial credit on a failed item stays possible.
    const partial = await submit({ outcome: 'fail', points: greeting.maxPoints - 1, comment: '问候太晚' });
    expect(partial.status).toBe(200);
    expect(partial.json.score).toBeLessThan(100);
  });
});
