/**
 * Copies Swagger UI (the npm package swagger-ui-dist) into public/docs/, where the Worker's assets serve
 * it to GET /docs: the API description renders offline, from this deployment alone.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FILES = ['swagger-ui-bundle.js', 'swagger-ui.css'];

export function copyApiDocsAssets() {
  const from = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  mkdirSync('public/docs', { recursive: true });
  for (const file of FILES) copyFileSync(join(from, file), join('public/docs', file));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) copyApiDocsAssets();
