/**
 * A cache of at most `limit` entries, the least recently used first out; `make` runs on a miss. A Map keeps
 * insertion order: an entry used moves to the end, so the first is the oldest.
 */
export function keptRecent<K, V>(cache: Map<K, V>, key: K, limit: number, make: () => V): V {
  const known = cache.get(key);
  if (known !== undefined) {
    cache.delete(key);
    cache.set(key, known);
    return known;
  }
  const value = make();
  if (cache.size >= limit) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}
