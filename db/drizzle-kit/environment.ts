import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/environment/index.ts',
  out: './migrations/environment',
  schemaFilter: ['environment'],
});
