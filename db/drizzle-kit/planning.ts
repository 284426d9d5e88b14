import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/planning/index.ts',
  out: './migrations/planning',
  schemaFilter: ['planning'],
});
