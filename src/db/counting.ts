/**
 * A D1Database that counts the statements sent through it. D1 allows 1,000 queries per Worker
 * invocation; jobs that must stay well under it report their count (a batch counts each statement).
 */
export interface QueryCounter {
  db: D1Database;
  count: () => number;
}

/** A count shared by the wrapped databases of one invocation (the limit is per invocation, not per database). */
export interface Tally {
  n: number;
}

export function countingD1(inner: D1Database, tally: Tally = { n: 0 }): QueryCounter {
  // D1's batch() needs its own statement objects, so each proxy remembers the one it wraps.
  const originals = new WeakMap<object, D1PreparedStatement>();
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        if (prop === 'bind') return (...args: unknown[]) => wrap(value.apply(target, args));
        if (prop === 'run' || prop === 'all' || prop === 'first' || prop === 'raw') {
          return (...args: unknown[]) => {
            tally.n++;
            return value.apply(target, args);
          };
        }
        return value.bind(target);
      },
    });
    originals.set(proxy, stmt);
    return proxy;
  };
  const db = new Proxy(inner, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql));
      if (prop === 'batch') {
        return (stmts: D1PreparedStatement[]) => {
          tally.n += stmts.length;
          return target.batch(stmts.map((s) => originals.get(s) ?? s));
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db, count: () => tally.n };
}
