import type { EnterpriseResolvers } from '../generated/resolvers.ts';

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: ({ creditCode }, { loaders }) => loaders.enterpriseByCreditCode.load(creditCode),
  district: (enterprise) => ({ code: enterprise.districtCode }),
  parcel: (enterprise) => (enterprise.parcelId === null ? null : { id: enterprise.parcelId }),
  selfMonitoringReports: (enterprise, _, { loaders }) => loaders.selfMonitoringReportsByCreditCode.load(enterprise.creditCode),
};
