import type { Database } from '@soilgraph/db';
import type { Crop, fertilizerUse, pesticideUse } from '@soilgraph/db/agriculture';
import { and, inArray, or } from 'drizzle-orm';
import type { KeyHolder, NaturalKey } from './natural-key-writes.ts';

type CropYear = { externalId: string; districtCode: string; year: number; crop: Crop };

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/**
 * The natural key of fertiliser and pesticide use (a unique constraint of both tables): one
 * record per district, year and crop, whose id <prefix>-<district>-<year>-<crop> is built from it.
 */
export function cropYearKey<Row extends CropYear, Stored extends CropYear & { id: string }>(
  table: typeof fertilizerUse | typeof pesticideUse,
  idOf: (row: Row) => string,
): NaturalKey<Row, Stored> {
  // Both tables have the same key columns; one of them types the query.
  const t = table as typeof fertilizerUse;
  return {
    argumentName: 'records',
    fields: ['districtCode', 'year', 'crop'],
    named: 'district, year and crop',
    describe: (r) => `district ${r.districtCode}, year ${r.year}, crop ${r.crop}`,
    idOf,
    // A superset: the rows' ids, and every record of their districts, years and crops; the caller matches exactly.
    async holding(tx: Database, rows: readonly Row[]): Promise<KeyHolder[]> {
      return tx
        .select({ id: t.id, externalId: t.externalId, districtCode: t.districtCode, year: t.year, crop: t.crop })
        .from(t)
        .where(
          or(
            inArray(t.id, unique(rows.map(idOf))),
            and(
              inArray(t.districtCode, unique(rows.map((r) => r.districtCode))),
              inArray(t.year, unique(rows.map((r) => r.year))),
              inArray(t.crop, unique(rows.map((r) => r.crop))),
            ),
          ),
        );
    },
  };
}
