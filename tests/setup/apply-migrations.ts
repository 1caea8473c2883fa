import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// Setup files run outside per-file isolated storage and may run more than once;
// applyD1Migrations only applies what is missing, so this is safe. Every database gets the same
// migrations: the directory and the two store databases of wrangler.toml.
for (const binding of ['DIRECTORY', 'DB_1', 'DB_2'] as const) await applyD1Migrations(env[binding], env.TEST_MIGRATIONS);
