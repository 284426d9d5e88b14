import { afterKeyNewestFirst, countPerParent, type Database, firstRowsPerParent } from '@soilgraph/db';
import type { Crop } from '@soilgraph/db/agriculture';
import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { NestedListSource } from '@soilgraph/server-kit';
import { z } from 'zod';
import { inRange, type YearRange } from './ranges.ts';

/**
 * Fertiliser and pesticide use share their shape: one row per district, year and crop,
 * listed newest year first, then by district code and crop (a unique key).
 */
export interface CropYearColumns {
  districtCode: AnyPgColumn;
  year: AnyPgColumn;
  crop: AnyPgColumn;
}

/** A validated filter on district-year-crop rows: every field narrows the result (AND). */
export interface CropYearQuery {
  districtCode?: string;
  years?: YearRange;
  crop?: Crop;
}

/** A cursor is the last row's year, district code and crop. */
export const cropYearCursor = z.tuple([z.number().int(), z.string(), z.string()]);
export type CropYearCursor = z.infer<typeof cropYearCursor>;

export function cropYearKey(row: { year: number; districtCode: string; crop: string }): CropYearCursor {
  return [row.year, row.districtCode, row.crop];
}

export function cropYearConditions(t: CropYearColumns, q: CropYearQuery): SQL | undefined {
  return and(
    q.districtCode !== undefined ? eq(t.districtCode, q.districtCode) : undefined,
    inRange(t.year, q.years),
    q.crop !== undefined ? eq(t.crop, q.crop) : undefined,
  );
}

export function afterCropYear(t: CropYearColumns, after: CropYearCursor | undefined): SQL | undefined {
  return after && afterKeyNewestFirst(t.year, [t.districtCode, t.crop], after);
}

export function cropYearOrder(t: CropYearColumns): SQL[] {
  return [desc(t.year), asc(t.districtCode), asc(t.crop)];
}

/** A district-year-crop row: what the nested lists need of one. */
interface CropYearRow {
  districtCode: string;
  year: number;
  crop: string;
}

/** Each district's rows of a district-year-crop table as a nested list (District.fertilizerUse, District.pesticideUse). */
export function cropYearRowsByDistrict<R extends CropYearRow>(db: Database, t: PgTable & CropYearColumns & { $inferSelect: R }): NestedListSource<CropYearQuery, CropYearCursor, R> {
  return {
    pages: async (codes, q, page) =>
      (await firstRowsPerParent(db, t, t.districtCode, codes, and(cropYearConditions(t, q), afterCropYear(t, page.after)), cropYearOrder(t), page.limit + 1)) as R[],
    counts: (codes, q) => countPerParent(db, t, t.districtCode, codes, cropYearConditions(t, q)),
    parentOf: (row) => row.districtCode,
    keyOf: cropYearKey,
  };
}
