import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/agriculture/index.ts',
  out: './migrations/agriculture',
  schemaFilter: ['agriculture'],
});
