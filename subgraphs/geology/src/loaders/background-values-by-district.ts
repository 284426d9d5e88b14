import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type BackgroundValueRow, findBackgroundValues } from '../data/background-values.ts';

/** Each district's background values in analyte enum order, one query per request tick; none loads []. */
export function createBackgroundValuesByDistrictLoader(db: Database) {
  return new DataLoader<string, BackgroundValueRow[]>(async (codes) => {
    const rows = await findBackgroundValues(db, { districtCodes: codes });
    return manyByKey(codes, rows, (r) => r.districtCode);
  });
}
