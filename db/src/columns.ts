import { type AnyPgColumn, doublePrecision, index, text, timestamp } from 'drizzle-orm/pg-core';

/** Every row an agency submits carries the agency's own identifier; re-submission upserts by it. */
export const externalIdColumn = {
  externalId: text('external_id').notNull().unique(),
};

export const timestampColumns = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/**
 * Bounding box of a row's geometry in indexed columns (WGS84 degrees): spatial filters
 * select candidates by box in SQL and run the exact test in code (no PostGIS in PGlite).
 */
export const bboxColumns = {
  minLon: doublePrecision('min_lon').notNull(),
  minLat: doublePrecision('min_lat').notNull(),
  maxLon: doublePrecision('max_lon').notNull(),
  maxLat: doublePrecision('max_lat').notNull(),
};

interface BboxTable {
  minLon: AnyPgColumn;
  minLat: AnyPgColumn;
  maxLon: AnyPgColumn;
  maxLat: AnyPgColumn;
}

export function bboxIndex(name: string, table: BboxTable) {
  return index(name).on(table.minLon, table.maxLon, table.minLat, table.maxLat);
}
