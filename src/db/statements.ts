import { sql, type SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';

const dialect = new SQLiteAsyncDialect();

/** A field of the JSON objects a statement reads with `json_each(…) j`: `json_extract(j.value, '$.name')`. */
export const jsonField = (name: string) => sql.raw(`json_extract(j.value, '$.${name}')`);

export type Buildable = SQL | { toSQL(): { sql: string; params: unknown[] } };

/**
 * A D1 statement from a drizzle `sql` template or query builder. drizzle's own batch cannot carry raw
 * SQL that has parameters (INSERT … SELECT, json_each), so batches that mix the two are built from these
 * and sent with D1's batch (one atomic unit, like drizzle's).
 */
export function d1Statement(d1: D1Database, query: Buildable): D1PreparedStatement {
  const { sql, params } = 'toSQL' in query ? query.toSQL() : dialect.sqlToQuery(query);
  return d1.prepare(sql).bind(...params);
}
