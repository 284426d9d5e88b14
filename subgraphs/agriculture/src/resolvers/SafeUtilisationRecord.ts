import { SAFE_USE_MEASURES } from '@soilgraph/db/agriculture';
import type { SafeUtilisationRecordResolvers } from '../generated/resolvers.ts';

export const SafeUtilisationRecord: SafeUtilisationRecordResolvers = {
  parcel: (row) => ({ id: row.parcelId }),
  // In enum order, whatever order the record was stored in.
  measures: (row) => SAFE_USE_MEASURES.filter((m) => row.measures.includes(m)),
};
