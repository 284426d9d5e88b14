import { AUDIT_LOGS } from '@soilgraph/db';
import { canonicalDistrictCode } from '@soilgraph/domain';
import { findAuditEntries, parsePage } from '@soilgraph/server-kit';
import { BEIJING } from '../data/city.ts';
import { districtCursor, listDistricts } from '../data/districts.ts';
import { findLandUseChanges, landUseChangeCursor } from '../data/land-use-changes.ts';
import { findParcels, parcelCursor } from '../data/parcels.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';
import { parseLandUseChangeFilter, parseParcelFilter } from '../inputs.ts';

export const Query: QueryResolvers = {
  district: (_, { code }, { loaders }) => {
    const current = canonicalDistrictCode(code);
    return current === undefined ? null : loaders.districtByCode.load(current);
  },
  districts: (_, args, { db }) => listDistricts(db, parsePage(args, districtCursor)),
  parcel: (_, { id }, { loaders }) => loaders.parcelById.load(id),
  parcels: (_, args, { db }) => findParcels(db, parseParcelFilter(args.filter), parsePage(args, parcelCursor)),
  city: () => BEIJING,
  landUseChange: (_, { id }, { loaders }) => loaders.landUseChangeById.load(id),
  landUseChanges: (_, args, { db }) =>
    findLandUseChanges(db, parseLandUseChangeFilter(args.filter), parsePage(args, landUseChangeCursor)),
  planningAuditLog: (_, args, { db }) => findAuditEntries(db, AUDIT_LOGS.planning, args),
};
