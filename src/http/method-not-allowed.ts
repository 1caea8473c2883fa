/**
 * 405 for a path the app serves under other methods: read off the app's own route table, so every
 * route added later is covered without a list to keep in step.
 */

interface RouteEntry {
  method: string;
  path: string;
}

type Pattern = { regex: RegExp; methods: Set<string> };

function compile(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

/** Patterns of the routes with a method of their own (middleware registered for ALL is left out). */
export function routePatterns(routes: readonly RouteEntry[]): Pattern[] {
  const byPath = new Map<string, Set<string>>();
  for (const r of routes) {
    if (r.method === 'ALL') continue;
    byPath.set(r.path, (byPath.get(r.path) ?? new Set()).add(r.method));
  }
  return [...byPath].map(([path, methods]) => ({ regex: compile(path), methods }));
}

/** The methods the path answers to; empty when no route has that path (a real 404). */
export function allowedMethods(patterns: readonly Pattern[], path: string): string[] {
  const out = new Set<string>();
  for (const p of patterns) if (p.regex.test(path)) for (const m of p.methods) out.add(m);
  // Hono answers HEAD wherever it answers GET; CORS preflights are answered on /v1/*.
  if (out.has('GET')) out.add('HEAD');
  return [...out].sort();
}
