/** Enough of vitest for tests/unit/qa to run under the golden record: `expect` keeps what it is given. */
import { record } from './record';

type Fn = (...args: unknown[]) => unknown;
export const queue: { name: string; fn: () => unknown }[] = [];
let prefix = '';

export function describe(name: string, fn: () => void) {
  const outer = prefix;
  prefix = `${outer}${name} > `;
  fn();
  prefix = outer;
}

function each(table: unknown[]) {
  return (name: string, fn: Fn) => {
    for (const [i, row] of table.entries()) queue.push({ name: `${prefix}${name} #${i}`, fn: () => (Array.isArray(row) ? fn(...row) : fn(row)) });
  };
}

export const it = Object.assign((name: string, fn: Fn) => queue.push({ name: `${prefix}${name}`, fn: () => fn() }), { each });
export const test = it;

// Any matcher chain (`.not.toBe(…)`, `.toMatchObject(…)`) accepts anything: only the actual value matters.
const anything: unknown = new Proxy(() => anything, { get: () => anything, apply: () => undefined });
export const expect = Object.assign(
  (actual: unknown) => {
    record('expect', actual);
    return anything;
  },
  { arrayContaining: (x: unknown) => x, objectContaining: (x: unknown) => x, any: () => 'any' },
);
