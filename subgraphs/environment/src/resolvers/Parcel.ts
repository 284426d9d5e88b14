import { asRef, badUserInput, emptyConnection } from '@soilgraph/server-kit';
import type { ParcelRef } from '../data/references.ts';
import type { ParcelResolvers } from '../generated/resolvers.ts';
import { parcelSoilAssessment } from '../risk/index.ts';
import { parseSoilSampleList } from '../inputs.ts';
import { applicableSoilStandard } from '../assessment/index.ts';

export const Parcel: ParcelResolvers = {
  // Planning owns parcels: environment keeps the representation (id, and the fields @requires sent).
  __resolveReference: (parcel) => parcel,
  soilSamples: (parcel, args, { loaders }) => {
    const { query, page } = parseSoilSampleList(args);
    // Filters narrow: a filter naming another parcel matches nothing on this one.
    if (query.parcelId !== undefined && query.parcelId !== parcel.id) return emptyConnection(page);
    return loaders.soilSamplePagesByParcelId.load({ parent: parcel.id, query, page });
  },
  monitoringPoints: (parcel, _, { loaders }) => loaders.monitoringPointsByParcelId.load(parcel.id),
  soilAssessment: (parcel, _, context) => parcelSoilAssessment(asRef<ParcelRef>(parcel), context, `Parcel ${parcel.id}: soilAssessment`),
  soilStandard: (parcel) => {
    if (typeof parcel.landUse !== 'string') {
      throw badUserInput(`Parcel ${parcel.id}: soilStandard requires planning's landUse (and plannedUse) in the representation`, [
        'representations',
      ]);
    }
    return applicableSoilStandard(parcel.landUse, parcel.plannedUse);
  },
  contaminatedSite: (parcel, _, { loaders }) => loaders.contaminatedSiteByParcelId.load(parcel.id),
  soilSurveys: (parcel, _, { loaders }) => loaders.soilSurveysByParcelId.load(parcel.id),
};
