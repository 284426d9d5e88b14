import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/geology/index.ts',
  out: './migrations/geology',
  schemaFilter: ['geology'],
});
