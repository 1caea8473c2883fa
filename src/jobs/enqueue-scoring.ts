import type { QueueMessage } from '../env';

/** Sends ended conversations to be scored; the AutoQA consumer does the work. */
export async function enqueueScoring(queue: Queue<QueueMessage>, storeId: string, conversationIds: string[]) {
  for (let i = 0; i < conversationIds.length; i += 100) {
    await queue.sendBatch(conversationIds.slice(i, i + 100).map((conversationId) => ({ body: { kind: 'autoqa' as const, storeId, conversationId } })));
  }
}
