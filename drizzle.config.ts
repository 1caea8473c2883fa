import { defineConfig } from 'drizzle-kit';

// drizzle-kit generates SQL into migrations/; wrangler (dev, deploy) and the tests apply the same files.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema/index.ts',
  out: './migrations',
});
