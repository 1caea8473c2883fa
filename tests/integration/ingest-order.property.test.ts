import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliveriesFor, externalIdFor, type ConversationModel } from '../helpers/conversation-model';
import { platformSetup, type PlatformSetup } from '../helpers/platforms';

/**
 * SPEC §5: the final stored state never depends on the order deliveries are processed in. For each
 * adapter, a random small conversation (roles, edits, close, rating) is delivered in the platform's
 * order to one connection and in a random order with random duplicates to another; both must store the
 * same conversation, as the API shows it. Few runs, small conversations: each run waits for the queue.
 */

const texts = ['你好，在吗？', '这个有货吗', '亲，有货的', '已为您退款', '谢谢', 'Hello', 'Is it in stock?'];
const message = fc.record({
  role: fc.constantFrom<'customer' | 'agent' | 'bot'>('customer', 'agent', 'bot'),
  text: fc.constantFrom(...texts),
  edit: fc.option(fc.constantFrom('已更正：有货', 'Corrected: in stock'), { nil: undefined }),
});
const model: fc.Arbitrary<ConversationModel> = fc.record({
  messages: fc.array(message, { minLength: 1, maxLength: 4 }).map((ms) => ms.map((m) => (m.role === 'agent' ? m : { role: m.role, text: m.text }))),
  close: fc.boolean(),
  rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  comment: fc.option(fc.constantFrom('快', '太慢了'), { nil: undefined }),
});
/** Sort keys for a random permutation, and the deliveries to send twice. */
const shuffle = fc.record({ keys: fc.array(fc.integer(), { minLength: 16, maxLength: 16 }), repeats: fc.array(fc.nat(), { maxLength: 3 }) });

/** The conversation as the API shows it, without what differs by connection (ids) or by receipt time where the platform sends no time. */
async function stored(s: PlatformSetup, externalId: string, platform: string) {
  const conv = await s.conversation(externalId);
  const receiptTimed = platform === 'livechat';
  return {
    ...conv,
    id: undefined,
    connectionId: undefined,
    agentId: conv.agentId ? 'agent' : null,
    ...(receiptTimed ? { closedAt: !!conv.closedAt, ratedAt: !!conv.ratedAt } : {}),
    messages: conv.messages.map((m: any) => ({ ...m, id: undefined, agentId: m.agentId ? 'agent' : null, ...(receiptTimed ? { editedAt: !!m.editedAt } : {}) })),
  };
}

let run = 0;

for (const platform of ['generic', 'chatwoot', 'zendesk', 'intercom', 'livechat', 'crisp']) {
  describe(`${platform}: delivery order never decides the stored conversation`, () => {
    it('stores the same conversation for in-order and shuffled, duplicated deliveries', { timeout: 60_000 }, async () => {
      const secret = `${platform}-property-secret`;
      await fc.assert(
        fc.asyncProperty(model, shuffle, async (m, { keys, repeats }) => {
          const key = `${platform.slice(0, 2)}${++run}`;
          // Generic connections get a generated Standard Webhooks secret; the others take the platform's own.
          const opts = platform === 'generic' ? {} : { secret };
          const [inOrder, shuffled] = await Promise.all([platformSetup(platform, opts), platformSetup(platform, opts)]);
          const bodies = deliveriesFor(platform, m, key, secret);
          for (const b of bodies) await inOrder.send(b);
          const order = bodies.map((_, i) => i).sort((a, b) => keys[a % keys.length]! - keys[b % keys.length]! || a - b);
          for (const i of [...order, ...repeats.map((r) => r % bodies.length)]) await shuffled.send(bodies[i]);
          const externalId = externalIdFor(platform, key);
          const [a, b] = await Promise.all([stored(inOrder, externalId, platform), stored(shuffled, externalId, platform)]);
          expect(b).toEqual(a);
        }),
        { numRuns: 3, seed: 20261121, endOnFailure: true },
      );
    });
  });
}
