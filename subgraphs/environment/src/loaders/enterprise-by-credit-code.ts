import type { Database } from '@soilgraph/db';
import { oneByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type EnterpriseRow, enterprisesByCreditCodes } from '../data/enterprises.ts';

/** Enterprise rows by unified social credit code, one query per request tick; a missing code loads null. */
export function createEnterpriseByCreditCodeLoader(db: Database) {
  return new DataLoader<string, EnterpriseRow | null>(async (codes) => {
    const rows = await enterprisesByCreditCodes(db, codes);
    return oneByKey(codes, rows, (r) => r.creditCode);
  });
}
