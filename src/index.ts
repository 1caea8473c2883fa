import type { Env, QueueMessage } from './env';
import { createApp } from './http/app';
import { handleQueueBatch } from './jobs/queue';
import { handleScheduled } from './jobs/scheduled';

const app = createApp();

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  queue: (batch, env, _ctx) => handleQueueBatch(batch, env),
  scheduled: (controller, env, _ctx) => handleScheduled(controller, env),
} satisfies ExportedHandler<Env, QueueMessage>;
