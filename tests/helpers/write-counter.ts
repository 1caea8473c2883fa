import { env } from 'cloudflare:workers';

/**
 * Counts every insert, update and delete on rows of the given stores, in the real D1, with triggers
 * on every table that has a store_id (and the stores table itself). Cheaper than a full dump per
 * request, and stricter: a refused request must not even rewrite a row with the same values.
 */
export async function watchWrites(storeIds: string[]) {
  const list = storeIds.map((id) => `'${id.replace(/'/g, "''")}'`).join(', ');
  const tables = await env.DB.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name <> 'd1_migrations'").all<{ name: string }>();
  const triggers: string[] = [];
  await env.DB.prepare('create table if not exists test_write_count (n integer not null)').run();
  await env.DB.prepare('delete from test_write_count').run();
  await env.DB.prepare('insert into test_write_count (n) values (0)').run();
  for (const { name } of tables.results) {
    const columns = (await env.DB.prepare('select name from pragma_table_info(?)').bind(name).all<{ name: string }>()).results.map((c) => c.name);
    const key = columns.includes('store_id') ? 'store_id' : name === 'stores' ? 'id' : null;
    if (!key) continue;
    for (const [event, row] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
      const trigger = `test_writes_${name}_${event}`;
      const also = event === 'update' ? ` or old.${key} in (${list})` : '';
      await env.DB.prepare(`create trigger if not exists ${trigger} after ${event} on "${name}" when ${row}.${key} in (${list})${also} begin update test_write_count set n = n + 1; end`).run();
      triggers.push(trigger);
    }
  }
  return {
    count: async () => (await env.DB.prepare('select n from test_write_count').first<number>('n'))!,
    stop: async () => {
      for (const t of triggers) await env.DB.prepare(`drop trigger if exists ${t}`).run();
    },
  };
}
