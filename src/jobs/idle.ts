import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { conversations, stores } from '../db/schema';

const DEFAULT_IDLE_MINUTES = 30;

/**
 * Ends open conversations with no message for the store's idle timeout, in one statement for all
 * stores. The close time is the last message plus the timeout, not the sweep time, so an hourly or
 * five-minute sweep gives the same record.
 */
export async function closeIdleConversations(db: Db, now: number): Promise<{ id: string; storeId: string }[]> {
  const timeoutMs = sql`(coalesce((select json_extract(${stores.settings}, '$.idleTimeoutMinutes') from ${stores}
    where ${stores.id} = ${conversations.storeId}), ${DEFAULT_IDLE_MINUTES}) * 60000)`;
  return db
    .update(conversations)
    .set({ status: 'closed', closeReason: 'idle_timeout', closedAt: sql`${conversations.lastMessageAt} + ${timeoutMs}` })
    .where(sql`${conversations.status} = 'open' and ${conversations.lastMessageAt} is not null and ${conversations.lastMessageAt} + ${timeoutMs} <= ${now}`)
    .returning({ id: conversations.id, storeId: conversations.storeId });
}
