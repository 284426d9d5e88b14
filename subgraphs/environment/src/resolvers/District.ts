import { canonicalDistrictCode } from '@soilgraph/domain';
import { asRef, emptyConnection, parsePage, required } from '@soilgraph/server-kit';
import { enterpriseCursor } from '../data/enterprises.ts';
import { monitoringPointCursor } from '../data/monitoring-points.ts';
import type { DistrictRef } from '../data/references.ts';
import { contaminatedSiteCursor } from '../data/sites.ts';
import type { DistrictResolvers } from '../generated/resolvers.ts';
import { parseContaminatedSiteFilter, parseEnterpriseFilter, parseMonitoringPointFilter, parseSoilSampleList } from '../inputs.ts';
import { areaEarlyWarning, areaFarmlandClassSuggestions, areaSoilRisk } from '../risk/index.ts';
import { sensitiveUseChangesWithoutSurvey } from './LandUseChange.ts';

// Filters narrow: a filter naming another district matches nothing in this one.
const otherDistrict = (filter: { districtCode?: string }, code: string) => filter.districtCode !== undefined && filter.districtCode !== code;

export const District: DistrictResolvers = {
  // Planning owns districts; environment knows the 16 codes (and the pre-2015 aliases) from the domain package.
  // It keeps the other agencies' fields the gateway sent through @requires (parcels, backgrounds, water sources).
  __resolveReference: (district) => {
    const current = canonicalDistrictCode(district.code);
    return current === undefined ? null : { ...district, code: current };
  },
  soilRisk: (district, _, context) => areaSoilRisk(context, [asRef<DistrictRef>(district)], `District ${district.code}: soilRisk`),
  monitoringNetwork: (district, _, { loaders }) => loaders.monitoringNetworkByDistrictCode.load(district.code),
  drinkingWaterEarlyWarning: (district, _, context) => {
    const where = `District ${district.code}: drinkingWaterEarlyWarning`;
    const ref = asRef<DistrictRef>(district);
    const parcelsInZones = required(required(ref, 'waterSourceZones', where), 'parcels', where, 'waterSourceZones.parcels');
    return areaEarlyWarning(context, required(ref, 'allWaterSources', where), where, { parcelsInZones });
  },
  farmlandClassSuggestions: (district, _, context) =>
    areaFarmlandClassSuggestions(context, [asRef<DistrictRef>(district)], `District ${district.code}: farmlandClassSuggestions`),
  monitoringPoints: (district, args, { loaders }) => {
    const filter = parseMonitoringPointFilter(args.filter);
    const page = parsePage(args, monitoringPointCursor);
    if (otherDistrict(filter, district.code)) return emptyConnection(page);
    return loaders.monitoringPointPagesByDistrictCode.load({ parent: district.code, query: filter, page });
  },
  soilSamples: (district, args, { loaders }) => {
    const { query, page } = parseSoilSampleList(args);
    if (otherDistrict(query, district.code)) return emptyConnection(page);
    return loaders.soilSamplePagesByDistrictCode.load({ parent: district.code, query, page });
  },
  enterprises: (district, args, { loaders }) => {
    const filter = parseEnterpriseFilter(args.filter);
    const page = parsePage(args, enterpriseCursor);
    if (otherDistrict(filter, district.code)) return emptyConnection(page);
    return loaders.enterprisePagesByDistrictCode.load({ parent: district.code, query: filter, page });
  },
  contaminatedSites: (district, args, { loaders }) => {
    const filter = parseContaminatedSiteFilter(args.filter);
    const page = parsePage(args, contaminatedSiteCursor);
    if (otherDistrict(filter, district.code)) return emptyConnection(page);
    return loaders.contaminatedSitePagesByDistrictCode.load({ parent: district.code, query: filter, page });
  },
  sensitiveUseChangesWithoutSurvey: (district, args, context) =>
    sensitiveUseChangesWithoutSurvey(asRef<DistrictRef>(district), args, context, `District ${district.code}: sensitiveUseChangesWithoutSurvey`),
};
