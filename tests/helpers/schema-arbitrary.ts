import fc from 'fast-check';
import type { JsonSchema } from './openapi-ops';

/**
 * fast-check arbitraries from the JSON schemas /openapi.json publishes: values the schema accepts
 * (bounded small, so a run stays quick), and hostile values that no route should take as they are.
 */
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const dateIn = (from: string, to: string) => fc.integer({ min: Date.parse(from), max: Date.parse(to) }).map((ms) => new Date(ms));

function stringOf(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'date') return dateIn('1999-01-01', '2031-01-01').map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'date-time') return dateIn('1999-01-01', '2031-01-01').map((d) => d.toISOString());
  if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern));
  const minLength = num(s.minLength) ?? 0;
  const maxLength = Math.max(minLength, Math.min(num(s.maxLength) ?? 24, 24));
  return fc.oneof(fc.string({ minLength, maxLength }), fc.string({ minLength, maxLength, unit: 'grapheme' }));
}

function numberOf(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = num(s.minimum) ?? (num(s.exclusiveMinimum) !== undefined ? num(s.exclusiveMinimum)! + (integer ? 1 : 1e-6) : -1e6);
  const max = num(s.maximum) ?? (num(s.exclusiveMaximum) !== undefined ? num(s.exclusiveMaximum)! - (integer ? 1 : 1e-6) : 1e6);
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Values worth trying for a property of this name (real ids, real zone names): mixed with generated ones, so valid requests reach deep. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/** A value the schema accepts as far as JSON Schema can say (zod refinements may still refuse it). */
export function arbitraryOf(schema: JsonSchema, hints: Hints = {}, depth = 0): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return fc.oneof(...union.map((u) => arbitraryOf(u, hints, depth + 1)));
  if (Array.isArray(schema.type)) return fc.oneof(...(schema.type as string[]).map((type) => arbitraryOf({ ...schema, type }, hints, depth + 1)));
  switch (schema.type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return numberOf(schema, true);
    case 'number':
      return numberOf(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = num(schema.minItems) ?? 0;
      const maxLength = Math.max(minLength, Math.min(num(schema.maxItems) ?? 4, depth > 2 ? 2 : 4));
      return fc.array(arbitraryOf((schema.items as JsonSchema) ?? {}, hints, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      const record = fc.record(Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, hints[k] ? fc.oneof(hints[k]!, arbitraryOf(v, hints, depth + 1)) : arbitraryOf(v, hints, depth + 1)])), { requiredKeys: required.filter((k) => k in properties) });
      const extra = schema.additionalProperties;
      if (!extra || typeof extra !== 'object') return record;
      const keys = fc.string({ minLength: 2, maxLength: 10 });
      return fc.tuple(record, fc.dictionary(keys, arbitraryOf(extra as JsonSchema, hints, depth + 1), { maxKeys: 2 })).map(([r, d]) => ({ ...d, ...r }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const deep = (n: number): unknown => Array.from({ length: n }).reduce<unknown>((inner) => [inner], 0);

/** Values built to break things: wrong types, extremes, control and bidi characters, absurd dates, size. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally.
const TEMPLATE_PROBE = '${7*7}';

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null, true, false, 0, -1, -0, 1e308, -1e308, 2 ** 53 + 1, 0.1, 5e-324, [], {}, '', ' ',
    '\u0000', 'a\u0000b', '😀🇨🇳👩‍👩‍👧', '\u202Eevil\u202C', 'مرحبا بالعالم', '\uD800', '\uDFFF', '\uFEFF', '\u200B',
    "'; drop table stores; --", '<script>alert(1)</script>', TEMPLATE_PROBE, '../../etc/passwd', '__proto__', 'constructor', 'toString',
    '9999-12-31', '0000-01-01', '2026-02-30', '+275760-09-13T00:00:00.000Z', '2026-11-21T25:61:61Z', '1970-01-01T00:00:00Z', 'Infinity', 'NaN', '1e999',
    { __proto__: { polluted: true } }, { constructor: { prototype: { polluted: true } } },
  ),
  fc.constant('x'.repeat(20_000)),
  fc.constant('长'.repeat(5_000)),
  fc.constant(deep(2_000)),
  fc.constant(Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, i]))),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
);

type Path = (string | number)[];
function leaves(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, [...path, Array.isArray(value) ? Number(k) : k], out);
  return out;
}
function setAt(value: unknown, path: Path, next: unknown, remove = false): unknown {
  if (!path.length) return next;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  const [head, ...rest] = path;
  if (remove && !rest.length) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head as string];
  } else copy[head as string] = setAt(copy[head as string], rest, next, remove);
  return copy;
}

/** One hostile change to a valid value: a node replaced, a key removed, a key added, or the whole value swapped. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), hostileValue, fc.constantFrom('replace', 'remove', 'extra', 'root'), fc.string({ maxLength: 12 })).map(([value, pick, bad, how, key]) => {
    const paths = leaves(value);
    const path = paths[pick % paths.length]!;
    if (how === 'root') return bad;
    if (how === 'remove' && path.length) return setAt(value, path, undefined, true);
    if (how === 'extra' && value && typeof value === 'object' && !Array.isArray(value)) return { ...(value as object), [key || 'unexpected']: bad };
    return setAt(value, path, bad);
  });
}

/** Raw bodies no JSON route should take: malformed, not UTF-8, too deep, too large. */
export function hostileBodies(limit: number): { name: string; body: Uint8Array | string }[] {
  const enc = (s: string) => new TextEncoder().encode(s);
  return [
    { name: 'empty', body: '' },
    { name: 'truncated', body: '{"name": "x", ' },
    { name: 'not json', body: 'name=x&role=manager' },
    { name: 'json null', body: 'null' },
    { name: 'json string', body: '"just a string"' },
    { name: 'json array', body: '[1,2,3]' },
    { name: 'invalid utf-8', body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]) },
    { name: 'bom', body: '\uFEFF{"a":1}' },
    { name: 'nul bytes', body: '{"a":"\u0000"}\u0000' },
    { name: 'trailing garbage', body: '{"a":1} {"b":2}' },
    { name: 'duplicate keys', body: '{"a":1,"a":{"b":2}}' },
    { name: 'proto key', body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}' },
    { name: 'deep nesting', body: '['.repeat(50_000) + ']'.repeat(50_000) },
    { name: 'huge number', body: '{"a":1e999999}' },
    { name: 'lone surrogate escape', body: '{"a":"\\ud800"}' },
    { name: 'limit + 1 bytes', body: enc(`{"a":"${'x'.repeat(limit - 7)}"}`) },
    { name: '1 MiB + 1 bytes', body: enc(`{"a":"${'x'.repeat(1024 * 1024 - 7)}"}`) },
  ];
}

/** Hostile replacements that fit what a field held: numbers get extremes, strings get traps, objects get the wrong shape. */
const SWAPS = {
  number: [-1e308, 1e308, 1e20, -1, 0, 0.5, 2 ** 53 + 1, '1e308', '99999999999999999999', null, 'soon'],
  string: ['', 'toString', '__proto__', 'x'.repeat(20_000), 'a\u0000b', '\u202E😀', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00.000Z', '0000-00-00 00:00:00 UTC', 123, null, [], {}],
  boolean: ['true', 1, null],
  object: [null, [], 'x', 0, {}],
};

/**
 * Every node of a valid payload replaced in turn, with `perLeaf` values (chosen by `seed`) that fit its
 * type: the sweep reaches every field an adapter reads, which random picks alone can miss.
 */
export function leafSweep(example: unknown, seed: number, perLeaf: number): unknown[] {
  const rng = fc.sample(fc.nat(), { seed, numRuns: 10_000 });
  let r = 0;
  const out: unknown[] = [];
  for (const path of leaves(example).filter((p) => p.length)) {
    const at = path.reduce<any>((v, k) => v?.[k], example);
    const kind = at === null || typeof at === 'object' ? 'object' : (typeof at as keyof typeof SWAPS);
    const swaps = SWAPS[kind] ?? SWAPS.object;
    for (let i = 0; i < perLeaf; i++) out.push(setAt(example, path, swaps[rng[r++ % rng.length]! % swaps.length]));
  }
  return out;
}
