import { isListedStatus } from '@soilgraph/db/environment';
import { asRef, lacksRequired, required } from '@soilgraph/server-kit';
import type { ContaminatedSiteModel } from '../data/sites.ts';
import type { ContaminatedSiteResolvers } from '../generated/resolvers.ts';
import { restrictionsFor } from '../negative-list.ts';
import { parcelSoilAssessment } from '../risk/index.ts';

/** Planning's planned use of the site's parcel, from the representation (@requires parcel { plannedUse }); null when the parcel has none. */
function plannedUseOf(site: ContaminatedSiteModel, where: string): string | null {
  const parcel = required(site, 'parcel', where);
  if (parcel.plannedUse === undefined) {
    throw lacksRequired(where, 'parcel.plannedUse');
  }
  return parcel.plannedUse;
}

export const ContaminatedSite: ContaminatedSiteResolvers = {
  // Keeps the parcel the gateway sent through @requires (planning's planned use, ...) beside the row.
  __resolveReference: async (ref, { loaders }) => {
    const row = await loaders.contaminatedSiteById.load(ref.id);
    if (row === null) return null;
    const sent = asRef<ContaminatedSiteModel>(ref);
    return { ...row, ...('parcel' in sent ? { parcel: sent.parcel } : {}) };
  },
  district: (site) => ({ code: site.districtCode }),
  parcel: (site) => ({ id: site.parcelId }),
  enterprise: (site, _, { loaders }) => (site.enterpriseCreditCode === null ? null : loaders.enterpriseByCreditCode.load(site.enterpriseCreditCode)),
  listed: (site) => isListedStatus(site.status),
  history: (site, _, { loaders }) => loaders.statusChangesBySiteId.load(site.id),
  surveys: (site, _, { loaders }) => loaders.soilSurveysByParcelId.load(site.parcelId),
  // The site's parcel as the gateway sent it: planning's land use and planned use, geology's background.
  assessment: (site, _, context) => {
    const where = `ContaminatedSite ${site.id}: assessment`;
    return parcelSoilAssessment({ ...required(asRef<ContaminatedSiteModel>(site), 'parcel', where), id: site.parcelId }, context, where, { surveySamplesOnly: true });
  },
  restrictions: (site) => restrictionsFor(site.status, plannedUseOf(asRef<ContaminatedSiteModel>(site), `ContaminatedSite ${site.id}: restrictions`)),
};
