import { env } from 'cloudflare:workers';

/** Every database of the test Worker: the directory (API keys, placements) and the store databases. */
const DATABASES = ['DIRECTORY', 'DB_1', 'DB_2'] as const;

/**
 * Counts every insert, update and delete on rows of the given stores, in the real D1 databases, with
 * triggers on every table that has a store_id (the stores table by its id, messages by their
 * conversation's store). Cheaper than a full dump per request, and stricter: a refused request must
 * not even rewrite a row with the same values.
 */
export async function watchWrites(storeIds: string[]) {
  const list = storeIds.map((id) => `'${id.replace(/'/g, "''")}'`).join(', ');
  const installed: { db: D1Database; triggers: string[] }[] = [];
  for (const binding of DATABASES) {
    const db = env[binding]!;
    const tables = await db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name <> 'd1_migrations'").all<{ name: string }>();
    const triggers: string[] = [];
    await db.prepare('create table if not exists test_write_count (n integer not null)').run();
    await db.prepare('delete from test_write_count').run();
    await db.prepare('insert into test_write_count (n) values (0)').run();
    for (const { name } of tables.results) {
      const columns = (await db.prepare('select name from pragma_table_info(?)').bind(name).all<{ name: string }>()).results.map((c) => c.name);
      const of = (row: string) =>
        columns.includes('store_id')
          ? `${row}.store_id in (${list})`
          : name === 'stores'
            ? `${row}.id in (${list})`
            : name === 'messages'
              ? `${row}.conversation_id in (select id from conversations where store_id in (${list}))`
              : null;
      if (!of('new')) continue;
      for (const [event, row] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
        const trigger = `test_writes_${name}_${event}`;
        const also = event === 'update' ? ` or ${of('old')}` : '';
        await db.prepare(`create trigger if not exists ${trigger} after ${event} on "${name}" when ${of(row)}${also} begin update test_write_count set n = n + 1; end`).run();
        triggers.push(trigger);
      }
    }
    installed.push({ db, triggers });
  }
  return {
    count: async () => {
      let n = 0;
      for (const { db } of installed) n += (await db.prepare('select n from test_write_count').first<number>('n'))!;
      return n;
    },
    stop: async () => {
      for (const { db, triggers } of installed) for (const t of triggers) await db.prepare(`drop trigger if exists ${t}`).run();
    },
  };
}
