import type { Env, QueueMessage } from './env';
import { createApp } from './http/app';
import { handleQueueBatch } from './jobs/queue';
import { handleScheduled } from './jobs/scheduled';

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env) => handleQueueBatch(batch, env),
  scheduled: (controller, env) => handleScheduled(controller, env),
} satisfies ExportedHandler<Env, QueueMessage>;
