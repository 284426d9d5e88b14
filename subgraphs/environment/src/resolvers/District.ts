import { canonicalDistrictCode } from '@soilgraph/domain';
import { emptyConnection, parsePage } from '@soilgraph/server-kit';
import { enterpriseCursor, findEnterprises } from '../data/enterprises.ts';
import { findMonitoringPoints, monitoringPointCursor } from '../data/monitoring-points.ts';
import { findSoilSamples, soilSampleCursor } from '../data/soil-samples.ts';
import type { DistrictResolvers } from '../generated/resolvers.ts';
import { parseEnterpriseFilter, parseMonitoringPointFilter, parseSoilSampleFilter } from '../inputs.ts';

// Filters narrow: a filter naming another district matches nothing in this one.
const otherDistrict = (filter: { districtCode?: string }, code: string) => filter.districtCode !== undefined && filter.districtCode !== code;

export const District: DistrictResolvers = {
  // Planning owns districts; environment knows the 16 codes (and the pre-2015 aliases) from the domain package.
  __resolveReference: ({ code }) => {
    const current = canonicalDistrictCode(code);
    return current === undefined ? null : { code: current };
  },
  monitoringPoints: (district, args, { db }) => {
    const filter = parseMonitoringPointFilter(args.filter);
    const page = parsePage(args, monitoringPointCursor);
    if (otherDistrict(filter, district.code)) return emptyConnection(page);
    return findMonitoringPoints(db, { ...filter, districtCode: district.code }, page);
  },
  soilSamples: (district, args, { db }) => {
    const filter = parseSoilSampleFilter(args.filter);
    const page = parsePage(args, soilSampleCursor);
    if (otherDistrict(filter, district.code)) return emptyConnection(page);
    return findSoilSamples(db, { ...filter, districtCode: district.code }, page);
  },
  enterprises: (district, args, { db }) => {
    const filter = parseEnterpriseFilter(args.filter);
    const page = parsePage(args, enterpriseCursor);
    if (otherDistrict(filter, district.code)) return emptyConnection(page);
    return findEnterprises(db, { ...filter, districtCode: district.code }, page);
  },
};
