import { flatImportKind } from '@soilgraph/server-kit';
import { protectionZoneSubmissions, waterSourceSubmissions } from './submissions.ts';

/*
 * What water's data can be imported as (`pnpm run import water <kind> <file>`): each kind is its
 * mutation's validation and write path, plus its CSV columns (one line per row; a source's
 * location as lon and lat, a zone's boundary as GeoJSON text). NDJSON lines are the mutation's
 * input objects as they are.
 */

export const waterSourceImport = flatImportKind(waterSourceSubmissions, 'water source', {
  externalId: 'text',
  id: 'text',
  name: 'text',
  kind: 'text',
  districtCode: 'text',
  location: 'point',
  capacityM3PerDay: 'number',
  servedPopulation: 'number',
  inServiceSince: 'number',
});

export const protectionZoneImport = flatImportKind(protectionZoneSubmissions, 'protection zone', {
  externalId: 'text',
  id: 'text',
  waterSourceId: 'text',
  level: 'text',
  part: 'text',
  geometry: 'geojson',
  areaKm2: 'number',
  approvedOn: 'optional',
  approvalDocument: 'optional',
});
