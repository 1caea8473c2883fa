import { expect, it } from 'vitest';
import { genericAdapter } from '../../../src/ingest/adapters/generic';

// The example from the Standard Webhooks specification (and Svix's documentation).
it('verifies the Standard Webhooks reference signature', async () => {
  const headers = new Headers({
    'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    'webhook-timestamp': '1614265330',
    'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  });
  const rawBody = new TextEncoder().encode('{"test": 2432232314}');
  const verdict = await genericAdapter.verify({ headers, rawBody, body: null, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', now: 1614265330_000 });
  expect(verdict).toEqual({ ok: true });
});
