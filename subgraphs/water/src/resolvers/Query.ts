import { AUDIT_LOGS } from '@soilgraph/db';
import { findAuditEntries, parsePage } from '@soilgraph/server-kit';
import { findProtectionZones, protectionZoneCursor } from '../data/protection-zones.ts';
import { findWaterSources, waterSourceCursor } from '../data/water-sources.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';
import { parseProtectionZoneFilter, parseWaterSourceFilter } from '../inputs.ts';

export const Query: QueryResolvers = {
  waterSource: (_, { id }, { loaders }) => loaders.waterSourceById.load(id),
  waterSources: (_, args, { db }) => findWaterSources(db, parseWaterSourceFilter(args.filter), parsePage(args, waterSourceCursor)),
  protectionZone: (_, { id }, { loaders }) => loaders.protectionZoneById.load(id),
  protectionZones: (_, args, { db }) =>
    findProtectionZones(db, parseProtectionZoneFilter(args.filter), parsePage(args, protectionZoneCursor)),
  waterAuditLog: (_, args, { db }) => findAuditEntries(db, AUDIT_LOGS.water, args),
};
