import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
it('has D1', async () => {
  const r = await env.DB_1!.prepare('select 1 as x').first<{ x: number }>();
  expect(r?.x).toBe(1);
});
