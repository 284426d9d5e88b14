import { text, varchar } from 'drizzle-orm/pg-core';
import { timestampColumns } from '../columns.ts';
import { planning } from './schema.ts';

/** Beijing's districts, keyed by their GB/T 2260 code. */
export const districts = planning.table('districts', {
  code: varchar('code', { length: 6 }).primaryKey(),
  name: text('name').notNull(),
  nameZh: text('name_zh').notNull(),
  ...timestampColumns,
});

export type DistrictRow = typeof districts.$inferSelect;
export type NewDistrictRow = typeof districts.$inferInsert;
