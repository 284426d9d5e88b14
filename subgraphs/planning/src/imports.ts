import { flatImportKind } from '@soilgraph/server-kit';
import { landUseChangeSubmissions, parcelSubmissions } from './submissions.ts';

/*
 * What planning's data can be imported as (`pnpm run import planning <kind> <file>`): each kind
 * is its mutation's validation and write path, plus its CSV columns (one line per row; a
 * parcel's boundary as GeoJSON text). NDJSON lines are the mutation's input objects as they are.
 */

export const parcelImport = flatImportKind(parcelSubmissions, 'parcel', {
  externalId: 'text',
  id: 'text',
  name: 'text',
  districtCode: 'text',
  landUse: 'text',
  plannedUse: 'optional',
  areaHa: 'number',
  geometry: 'geojson',
});

export const landUseChangeImport = flatImportKind(landUseChangeSubmissions, 'planned-use change case', {
  externalId: 'text',
  caseNumber: 'text',
  parcelId: 'text',
  fromPlannedUse: 'optional',
  toPlannedUse: 'text',
  status: 'text',
  proposedOn: 'text',
  decidedOn: 'optional',
});
