import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { countingD1 } from '../../src/db/counting';
import { getDb } from '../../src/db/client';
import { stores } from '../../src/db/schema';

it('counts single statements and each statement of a batch, through drizzle too', async () => {
  const counter = countingD1(env.DB_1!);
  await counter.db.prepare('select 1').first();
  await counter.db.batch([counter.db.prepare('select ?').bind(1), counter.db.prepare('select 2')]);
  expect(counter.count()).toBe(3);
  const db = getDb(counter.db);
  await db.select().from(stores).limit(1);
  await db.batch([db.select().from(stores).limit(1), db.select().from(stores).limit(1)]);
  expect(counter.count()).toBe(6);
});
