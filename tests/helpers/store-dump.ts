import { storeDb } from './stores';

/**
 * A canonical dump of everything one store owns on its database: every row of every table with a
 * store_id, the store's own row, and the rows that belong to its conversations (hot messages and
 * evidence), columns and rows in a fixed order. Equal dumps mean no row was added, removed
 * or changed. `portable` makes two stores fed the same data comparable: ids become labels built
 * from what the platform sent, and columns that record when or how often something ran are left out.
 */
type Row = Record<string, unknown>;

let tablesWithStore: string[] | undefined;

async function storeTables(db: D1Database): Promise<string[]> {
  if (tablesWithStore) return tablesWithStore;
  const tables = await db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name != 'd1_migrations' order by name").all<{ name: string }>();
  const out: string[] = [];
  for (const { name } of tables.results) {
    const columns = await db.prepare(`pragma table_info(${JSON.stringify(name)})`).all<{ name: string }>();
    if (columns.results.some((c) => c.name === 'store_id')) out.push(name);
  }
  return (tablesWithStore = out);
}

/** Columns that say when or how often work ran: they differ between two correct runs. */
const VOLATILE = new Set([
  'created_at', 'updated_at', 'received_at', 'processed_at', 'scored_at', 'qa_scored_at', 'submitted_at', 'archived_at', 'last_received_at', 'failed_tries', 'dead_at',
  'last_error', 'embed_secret', 'hash', 'prefix', 'secret',
]);

/** How each table's rows are named in a portable dump: ids become what the platform or user called them. */
const LABELS: Record<string, (r: Row) => string> = {
  stores: () => 'store',
  connections: (r) => `connection:${r.platform}:${r.name}`,
  conversations: (r) => `conversation:${r.external_id}`,
  messages: (r) => `message:${r.external_id}`,
  agents: (r) => `agent:${r.name}`,
  scorecards: (r) => `scorecard:${r.phase}:${r.version}`,
  reviewers: (r) => `reviewer:${r.name}`,
};
/** Random per store or per delivery by design (keys, ShopQA's delivery ids): left out of a portable dump. */
const UNPORTABLE = new Set(['api_keys', 'dead_deliveries', 'delivery_warnings']);

const canonicalRow = (row: Row) => Object.fromEntries(Object.keys(row).sort().map((k) => [k, row[k]]));
const sortRows = (rows: Row[]) => rows.map((r) => JSON.stringify(canonicalRow(r))).sort();

export async function storeRows(storeId: string, opts: { portable?: boolean } = {}): Promise<Record<string, string[]>> {
  const db = await storeDb(storeId);
  const raw: Record<string, Row[]> = {};
  raw.stores = (await db.prepare('select * from stores where id = ?').bind(storeId).all<Row>()).results;
  for (const table of await storeTables(db)) raw[table] = (await db.prepare(`select * from ${table} where store_id = ?`).bind(storeId).all<Row>()).results;
  // Rows keyed by their conversation (no store_id of their own).
  for (const table of ['messages']) {
    raw[table] = (await db.prepare(`select t.* from ${table} t join conversations c on c.id = t.conversation_id where c.store_id = ?`).bind(storeId).all<Row>()).results;
  }
  if (!opts.portable) return Object.fromEntries(Object.entries(raw).map(([t, rows]) => [t, sortRows(rows)]));

  const labels = new Map<string, string>();
  for (const [table, label] of Object.entries(LABELS)) for (const row of raw[table] ?? []) if (typeof row.id === 'string') labels.set(row.id, label(row));
  // Ids are long random or hashed tokens, so replacing them wherever they appear (JSON columns too) is safe.
  const pattern = labels.size ? new RegExp([...labels.keys()].map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g') : null;
  const relabel = (value: unknown) => (typeof value === 'string' && pattern ? value.replace(pattern, (id) => labels.get(id)!) : value);
  const out: Record<string, string[]> = {};
  for (const [table, rows] of Object.entries(raw)) {
    if (UNPORTABLE.has(table)) continue;
    out[table] = sortRows(rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !VOLATILE.has(k)).map(([k, v]) => [k, relabel(v)]))));
  }
  return out;
}

/** Every row the store owns as one canonical string: what "no row changed" is checked against. */
export async function dumpStore(storeId: string): Promise<string> {
  return Object.entries(await storeRows(storeId))
    .map(([table, rows]) => `${table}:${JSON.stringify(rows)}`)
    .join('\n');
}

/** Every archive object of the store (transcripts, delivery batches, large bodies), key and text, in key order. */
export async function dumpArchive(storeId: string): Promise<string> {
  const { env } = await import('cloudflare:workers');
  const out: string[] = [];
  for (const kind of ['transcripts', 'deliveries', 'bodies']) {
    let cursor: string | undefined;
    do {
      const page = await env.ARCHIVE.list({ prefix: `${kind}/${storeId}/`, cursor });
      for (const o of page.objects) out.push(`${o.key}:${await (await env.ARCHIVE.get(o.key))!.text()}`);
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  }
  return out.join('\n');
}
