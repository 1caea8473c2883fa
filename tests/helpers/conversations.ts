import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../src/index';
import { call } from './api';

/** Runs a cron of the real Worker at a given time. */
export async function cron(expression: string, at: number) {
  const ctx = createExecutionContext();
  await worker.scheduled!(createScheduledController({ cron: expression, scheduledTime: at }), env, ctx);
  await waitOnExecutionContext(ctx);
}

export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The conversation with this platform id, as GET /v1/conversations/:id shows it (null while absent). */
export async function byExternalId(token: string, externalId: string) {
  const list = await call('GET', `/v1/conversations?externalId=${encodeURIComponent(externalId)}`, { token });
  const id = list.json?.data?.[0]?.id as string | undefined;
  return id ? (await call('GET', `/v1/conversations/${id}`, { token })).json : null;
}

/** Waits until the conversation is scored (its AutoQA result shown), and returns it. */
export function scored(token: string, externalId: string, accept: (conversation: any) => boolean = () => true) {
  return until(
    () => byExternalId(token, externalId),
    (c) => !!c?.autoQa && accept(c),
    `${externalId} scored`,
  );
}
