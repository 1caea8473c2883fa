import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export const OFFLINE_ENV = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' };

/** .dev.vars is created from the committed example when absent, and never overwritten. */
export function ensureDevVars() {
  if (!existsSync('.dev.vars')) {
    copyFileSync('.dev.vars.example', '.dev.vars');
    console.log('Created .dev.vars from .dev.vars.example');
  }
}

export function readDevVar(name: string, file = '.dev.vars'): string | undefined {
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}=`));
  return line?.slice(name.length + 1).trim();
}

/** Runs a command; with `quiet`, its output is shown only if it fails. */
export function run(cmd: string, args: string[], opts: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: opts.quiet ? 'pipe' : 'inherit', env: OFFLINE_ENV });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('exit', (code) => {
      if (code === 0) return resolve();
      if (opts.quiet) process.stderr.write(output);
      reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`));
    });
  });
}

/** A port nothing listens on now (the machine is shared: a fixed port may be another Worker's). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

/** The D1 bindings wrangler.toml declares: the directory and every store database. */
export function d1Bindings(config = 'wrangler.toml'): string[] {
  return [...readFileSync(config, 'utf8').matchAll(/\[\[d1_databases\]\]\s*\nbinding\s*=\s*"([^"]+)"/g)].map((m) => m[1]!);
}

/** Applies the migrations to every local D1 database (they all take the same ones). */
export async function applyMigrations(opts: { persistTo?: string; quiet?: boolean } = {}) {
  for (const binding of d1Bindings()) {
    await run('wrangler', ['d1', 'migrations', 'apply', binding, '--local', ...(opts.persistTo ? ['--persist-to', opts.persistTo] : [])], { quiet: opts.quiet });
  }
}

/** Runs a command and returns what it printed; its output is shown only if it fails. */
export function capture(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'pipe', env: OFFLINE_ENV });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}: ${err || out}`))));
  });
}

/** One SQL query against a local D1 database (the same file a running `wrangler dev` uses); the first store database unless named. */
export async function queryLocalD1<T>(persistTo: string, sql: string, binding = 'DB_1'): Promise<T[]> {
  const out = await capture('wrangler', ['d1', 'execute', binding, '--local', '--persist-to', persistTo, '--command', sql, '--json']);
  return (JSON.parse(out) as { results: T[] }[])[0]?.results ?? [];
}

/** Starts `wrangler dev` (local workerd, local D1 under .wrangler/state) and waits until it answers. */
export async function startWranglerDev(port: number, opts: { persistTo?: string; quiet?: boolean; vars?: Record<string, string> } = {}): Promise<ChildProcess> {
  // Otherwise the health check below would find whatever else answers there.
  if (await portTaken(port)) throw new Error(`port ${port} is already in use: set another (PORT, BENCH_PORT)`);
  const args = ['dev', '--port', String(port), '--ip', '127.0.0.1', '--local', '--test-scheduled', '--show-interactive-dev-session=false', '--log-level', process.env.WRANGLER_LOG ?? 'warn'];
  if (opts.persistTo) args.push('--persist-to', opts.persistTo);
  for (const [name, value] of Object.entries(opts.vars ?? {})) args.push('--var', `${name}:${value}`);
  const child = spawn('wrangler', args, { stdio: opts.quiet ? 'ignore' : ['ignore', 'inherit', 'inherit'], env: OFFLINE_ENV });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  child.kill();
  throw new Error('wrangler dev did not start within 60 s');
}
