import { env } from 'cloudflare:workers';

/** The store database a store was placed on (the directory says), as the Worker resolves it. */
export async function storeDb(storeId: string): Promise<D1Database> {
  const row = await env.DIRECTORY.prepare('select database from store_directory where store_id = ?').bind(storeId).first<{ database: `DB_${number}` }>();
  if (!row) throw new Error(`store ${storeId} is not in the directory`);
  return env[row.database]!;
}

/** The database of the store a connection belongs to. */
export async function connectionDb(connectionId: string): Promise<D1Database> {
  const row = await env.DIRECTORY.prepare('select store_id from connection_directory where connection_id = ?').bind(connectionId).first<{ store_id: string }>();
  if (!row) throw new Error(`connection ${connectionId} is not in the directory`);
  return storeDb(row.store_id);
}

/** One number from a query on a store's database. */
export async function countIn(db: D1Database, sql: string, ...binds: unknown[]) {
  return (
    (
      await db
        .prepare(sql)
        .bind(...binds)
        .first<{ n: number }>()
    )?.n ?? 0
  );
}

export interface ArchivedLine {
  uid: string;
  connectionId: string;
  deliveryId: string;
  receivedAt: number;
  body?: string;
  bodyKey?: string;
}

/** Every delivery line in a store's delivery archive (one object per store per queue batch), with its object key. */
export async function archivedDeliveries(storeId: string, connectionId?: string): Promise<(ArchivedLine & { key: string })[]> {
  const out: (ArchivedLine & { key: string })[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.ARCHIVE.list({ prefix: `deliveries/${storeId}/`, cursor });
    for (const o of page.objects) {
      const text = await (await env.ARCHIVE.get(o.key))!.text();
      for (const line of text.split('\n')) {
        const d = JSON.parse(line) as ArchivedLine;
        if (!connectionId || d.connectionId === connectionId) out.push({ ...d, key: o.key });
      }
    }
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return out;
}

/** Messages stored in D1 (the hot window) for a connection's conversations. */
export async function hotMessages(connectionId: string) {
  const db = await connectionDb(connectionId);
  return countIn(db, 'select count(*) as n from messages m join conversations c on c.id = m.conversation_id where c.connection_id = ?', connectionId);
}
