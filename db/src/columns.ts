import { sql } from 'drizzle-orm';
import { type AnyPgColumn, doublePrecision, index, text, timestamp } from 'drizzle-orm/pg-core';

// Column groups are spread into tables. Each is a getter, so every table that spreads it gets
// column builders of its own: a builder shared between tables would also share the name of
// its unique constraint, taken from whichever table was built first.

/** Every row an agency submits carries the agency's own identifier; re-submission upserts by it. */
export const externalIdColumn = {
  get externalId() {
    return text('external_id').notNull().unique();
  },
};

export const timestampColumns = {
  get createdAt() {
    return timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
  },
  get updatedAt() {
    return timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
  },
};

/**
 * Bounding box of a row's geometry in indexed columns (WGS84 degrees): spatial filters
 * select candidates by box in SQL and run the exact test in code (no PostGIS in PGlite).
 */
export const bboxColumns = {
  get minLon() {
    return doublePrecision('min_lon').notNull();
  },
  get minLat() {
    return doublePrecision('min_lat').notNull();
  },
  get maxLon() {
    return doublePrecision('max_lon').notNull();
  },
  get maxLat() {
    return doublePrecision('max_lat').notNull();
  },
};

interface BboxTable {
  minLon: AnyPgColumn;
  minLat: AnyPgColumn;
  maxLon: AnyPgColumn;
  maxLat: AnyPgColumn;
}

/**
 * The indexes of a table's bounding boxes: the boxes themselves, and their widths, whose maximum
 * bounds a search for boxes overlapping others (boxes.ts, bboxOverlapsBox).
 */
export function bboxIndexes(name: string, table: BboxTable) {
  return [index(`${name}_idx`).on(table.minLon, table.maxLon, table.minLat, table.maxLat), index(`${name}_width_idx`).on(sql`(${table.maxLon} - ${table.minLon})`)];
}
