import { env } from 'cloudflare:workers';

/** Every row of every table that belongs to the store, as one canonical string: what "no row changed" is checked against. */
export async function dumpStore(storeId: string): Promise<string> {
  const tables = await env.DB.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name <> 'd1_migrations' order by name").all<{ name: string }>();
  const out: string[] = [];
  for (const { name } of tables.results) {
    const columns = await env.DB.prepare('select name from pragma_table_info(?)').bind(name).all<{ name: string }>();
    const names = columns.results.map((c) => c.name);
    const key = names.includes('store_id') ? 'store_id' : name === 'stores' ? 'id' : null;
    if (!key) continue;
    const rows = await env.DB.prepare(`select * from "${name}" where "${key}" = ? order by 1, 2`).bind(storeId).all();
    out.push(`${name}:${JSON.stringify(rows.results)}`);
  }
  return out.join('\n');
}
