import type { BBoxColumns } from '@soilgraph/geo';
import { type AnyColumn, type SQL, sql, type Table } from 'drizzle-orm';

/*
 * Many boxes in one statement. A batch of spatial searches (every protection zone of a district or
 * of the city, every parcel of a page) sends its boxes as four array parameters, unnested into a
 * relation `b(min_lon, max_lon, min_lat, max_lat, n)` (n counts from 1) and joined to the table:
 * Postgres then scans the table's position index once per box. An OR of one predicate per box
 * instead tests every row against every box, and plans slower the more boxes there are (seconds at
 * a thousand); chunking it made the statement count grow with the data.
 */

/**
 * The boxes as the relation `b`, to select from and join the table to:
 * `.select({ row: t, boxes: matchedBoxes }).from(boxesRelation(…)).innerJoin(t, …).groupBy(t.id)`.
 */
export function boxesRelation(boxes: readonly BBoxColumns[]): SQL {
  const column = (key: keyof BBoxColumns) => sql`${sql.param(boxes.map((b) => b[key]))}::double precision[]`;
  return sql`unnest(${column('minLon')}, ${column('maxLon')}, ${column('minLat')}, ${column('maxLat')}) with ordinality as b(min_lon, max_lon, min_lat, max_lat, n)`;
}

/**
 * The boxes of `b` a row lies in (their indexes in the boxes given, from 0), with the query grouped
 * by the table's primary key: each row comes once however many boxes it is in, so overlapping boxes
 * (the nested zones of a water source) do not send its columns again. Where boxes pile up (every
 * zone of the city: a sample in a dozen of them), grouping sorts every row-box pair; there select
 * the distinct ids instead and find each row's boxes in code (geo's boxesHolding), as
 * environment's samplesInBoxes does.
 */
export const matchedBoxes = sql<number[]>`array_agg(b.n - 1)`;

/** A point (its longitude and latitude as indexed columns or expressions) inside box `b`, edges included. */
export function pointInBox(lon: AnyColumn | SQL, lat: AnyColumn | SQL): SQL {
  return sql`${lon} between b.min_lon and b.max_lon and ${lat} between b.min_lat and b.max_lat`;
}

interface BboxTable {
  minLon: AnyColumn;
  minLat: AnyColumn;
  maxLon: AnyColumn;
  maxLat: AnyColumn;
}

/**
 * A row's bounding box (columns.ts, bboxColumns) overlapping box `b`. The index on the bbox
 * columns starts with min_lon, so the row's min_lon is bounded on both sides: no row wider than
 * the table's widest can start further left than the box's left edge minus that width (read, in
 * the same statement, from the index on max_lon - min_lon: bboxIndexes).
 */
export function bboxOverlapsBox(table: Table & BboxTable): SQL {
  const widest = sql`(select coalesce(max(${table.maxLon} - ${table.minLon}), 0) from ${table})`;
  return sql`${table.minLon} between b.min_lon - ${widest} and b.max_lon and ${table.maxLon} >= b.min_lon and ${table.minLat} <= b.max_lat and ${table.maxLat} >= b.min_lat`;
}
