import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/water/index.ts',
  out: './migrations/water',
  schemaFilter: ['water'],
});
