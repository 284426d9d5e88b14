import { calendarDay, districtCodeField } from '@soilgraph/server-kit';
import type { Feature, Geometry, Point } from 'geojson';
import { z } from 'zod';

/*
 * The lists the gateway exports as files (exports.ts): for each, the connection it pages through,
 * the query parameters that fill the connection's filter input, what it selects of each node,
 * and how a node becomes CSV rows and GeoJSON features. Column names are the API's field names
 * (a point's location is split into lon and lat, as the bulk import takes it).
 */

export type ExportFormat = 'csv' | 'geojson';

/** A node as the API answers it: the selection's fields by name. */
type Node = Record<string, any>;
/** One CSV record, by column; null and undefined are written as empty cells. */
export type Row = Record<string, unknown>;

/** One field of a list's filter input, given by one or more query parameters. */
export interface FilterField {
  /** Its GraphQL input type, the type of the operation's variable of the same name. */
  type: string;
  /** The query parameters that give it, each validated by its schema (a raw query value: a string, or an array when repeated). */
  parameters: Record<string, z.ZodType>;
  /** The field's value from its parsed parameters; undefined leaves the field out of the filter. */
  value: (parsed: Record<string, any>) => unknown;
}

export interface ExportList {
  /** The file's name: /export/<name>.csv and /export/<name>.geojson. */
  name: string;
  /** The Query field of the connection, e.g. `parcels`. */
  field: string;
  /** The fields of the connection's filter input that the export takes, by the input's field name. */
  filter: Record<string, FilterField>;
  /** The selection of each node, for one format (a format may need fields the other does not). */
  node: (format: ExportFormat) => string;
  /** CSV columns, in file order. */
  columns: readonly string[];
  /** The CSV records of one node (one per node, or one per measurement). */
  rows: (node: Node) => Row[];
  /** The GeoJSON features of one node. */
  features: (node: Node) => Feature<Geometry | null>[];
}

// Query parameters. A raw value is a string, or an array of strings when the parameter is repeated.

const once = <T extends z.ZodType<unknown, string>>(what: T) => z.string({ error: 'must be given once' }).pipe(what);
const text = once(z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'));
/** An enum value of the API: its spelling is checked by the API, which knows the current values. */
const enumValue = once(
  z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a value of the API’s enum: letters, digits and _')
    .transform((v) => v.toUpperCase()),
);
/** Several values, comma-separated or the parameter repeated. */
const list = z
  .union([z.string(), z.array(z.string())])
  .transform((raw) => [raw].flat().flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== ''))
  .pipe(z.array(z.string().max(100, 'each value must be at most 100 characters')).min(1, 'must name at least one value').max(100, 'must name at most 100 values'));
const district = once(districtCodeField);
const day = once(calendarDay);
const bool = once(z.stringbool({ error: 'must be true or false' }));
const BBOX_FORMAT = 'must be minLon,minLat,maxLon,maxLat: four numbers in WGS84 degrees';
const bbox = once(
  z.string().transform((raw, ctx) => {
    const numbers = raw.split(',').map((v) => (v.trim() === '' ? Number.NaN : Number(v)));
    if (numbers.length !== 4 || !numbers.every(Number.isFinite)) {
      ctx.addIssue({ code: 'custom', message: BBOX_FORMAT });
      return z.NEVER;
    }
    const [minLon, minLat, maxLon, maxLat] = numbers as [number, number, number, number];
    return { minLon, minLat, maxLon, maxLat };
  }),
);

/** A filter field given by one parameter of the same meaning. */
function given(type: string, parameter: string, schema: z.ZodType): FilterField {
  return { type, parameters: { [parameter]: schema }, value: (parsed) => parsed[parameter] };
}
const districtFilter = { districtCode: given('ID', 'district', district) };
const bboxFilter = { bbox: given('BBoxInput', 'bbox', bbox) };
/** A DateRangeInput from two parameters, `<from>` and `<to>` (both days included); either may be left out. */
function dateRange(from: string, to: string): FilterField {
  return {
    type: 'DateRangeInput',
    parameters: { [from]: day, [to]: day },
    // An end left undefined is an end not given (GraphQL drops undefined input fields).
    value: (parsed) => (parsed[from] === undefined && parsed[to] === undefined ? undefined : { from: parsed[from], to: parsed[to] }),
  };
}

// Values.

/** Longitude and latitude of a GeoJSON Point; empty when there is none (e.g. withheld for lack of scope). */
function lonLat(point: Point | null | undefined): { lon: number | null; lat: number | null } {
  return { lon: point?.coordinates[0] ?? null, lat: point?.coordinates[1] ?? null };
}

function feature(id: string, geometry: Geometry | null | undefined, properties: Record<string, unknown>): Feature<Geometry | null> {
  // A feature whose geometry the caller may not read (or that has none) keeps its properties: null geometry is valid GeoJSON.
  return { type: 'Feature', id, geometry: geometry ?? null, properties };
}

const GEOMETRY_COLUMNS = new Set(['lon', 'lat', 'geometry']);
/** A feature's properties: the row's columns in CSV order, except those that hold the geometry (the feature's own). */
function properties(row: Row, columns: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(columns.filter((c) => !GEOMETRY_COLUMNS.has(c)).map((c) => [c, row[c] ?? null]));
}

const code = (value: { code?: string } | null | undefined) => value?.code ?? null;
const id = (value: { id?: string } | null | undefined) => value?.id ?? null;

// The lists.

const PARCEL_COLUMNS = ['id', 'externalId', 'name', 'districtCode', 'landUse', 'landUseName', 'plannedUse', 'plannedUseName', 'areaHa', 'geometry'] as const;
function parcelRow(p: Node): Row {
  return { ...p, districtCode: code(p.district) };
}

const parcels: ExportList = {
  name: 'parcels',
  field: 'parcels',
  filter: { ...districtFilter, landUse: given('[String!]', 'landUse', list), plannedUse: given('[String!]', 'plannedUse', list), ...bboxFilter },
  node: () => 'id externalId name district { code } landUse landUseName plannedUse plannedUseName areaHa geometry',
  columns: PARCEL_COLUMNS,
  rows: (p) => [parcelRow(p)],
  features: (p) => [feature(p.id, p.geometry, properties(parcelRow(p), PARCEL_COLUMNS))],
};

/*
 * Soil samples in CSV: one line per measurement, the sample's columns repeated (a sample without
 * measurements is one line with the measurement columns empty). A value below the detection limit
 * stays a null mgPerKg with belowDetectionLimit true, as the API says it, which a column per
 * analyte could not hold. The columns after `id` are those of `pnpm run import environment
 * soil-samples`. In GeoJSON: one Point feature per sample, its measurements an array property.
 */
const SAMPLE_COLUMNS = ['id', 'externalId', 'pointId', 'parcelId', 'districtCode', 'sampledOn', 'depthTopCm', 'depthBottomCm', 'pH', 'pHMethod', 'lab', 'lon', 'lat'] as const;
const MEASUREMENT_COLUMNS = ['analyte', 'mgPerKg', 'belowDetectionLimit', 'detectionLimitMgPerKg', 'method', 'analysedOn', 'qualityFlag'] as const;
function sampleRow(s: Node): Row {
  const { measurements: _measurements, point, parcel, district: d, location, ...fields } = s;
  return { ...fields, pointId: id(point), parcelId: id(parcel), districtCode: code(d), ...lonLat(location) };
}

const soilSamples: ExportList = {
  name: 'soil-samples',
  field: 'soilSamples',
  filter: {
    ...districtFilter,
    parcelId: given('ID', 'parcel', text),
    pointId: given('ID', 'point', text),
    analyte: given('Analyte', 'analyte', enumValue),
    sampled: dateRange('sampledFrom', 'sampledTo'),
  },
  // `analyte` also narrows each sample's measurements to that analyte: the samples that have it, with its values.
  node: () =>
    'id externalId point { id } parcel { id } district { code } sampledOn depthTopCm depthBottomCm pH pHMethod lab location ' +
    'measurements(analyte: $analyte) { analyte mgPerKg belowDetectionLimit detectionLimitMgPerKg method analysedOn qualityFlag }',
  columns: [...SAMPLE_COLUMNS, ...MEASUREMENT_COLUMNS],
  rows: (s) => {
    const sample = sampleRow(s);
    const measurements = s.measurements as Node[];
    return measurements.length === 0 ? [sample] : measurements.map((m) => ({ ...sample, ...m }));
  },
  features: (s) => [feature(s.id, s.location, { ...properties(sampleRow(s), SAMPLE_COLUMNS), measurements: s.measurements })],
};

const POINT_COLUMNS = ['id', 'externalId', 'code', 'name', 'level', 'purpose', 'districtCode', 'parcelId', 'waterSourceId', 'lon', 'lat', 'establishedOn'] as const;
function monitoringPointRow(p: Node): Row {
  const { district: d, parcel, waterSource, location, ...fields } = p;
  return { ...fields, districtCode: code(d), parcelId: id(parcel), waterSourceId: id(waterSource), ...lonLat(location) };
}

const monitoringPoints: ExportList = {
  name: 'monitoring-points',
  field: 'monitoringPoints',
  filter: { ...districtFilter, level: given('NetworkLevel', 'level', enumValue), purpose: given('MonitoringPurpose', 'purpose', enumValue), ...bboxFilter },
  node: () => 'id externalId code name level purpose district { code } parcel { id } waterSource { id } location establishedOn',
  columns: POINT_COLUMNS,
  rows: (p) => [monitoringPointRow(p)],
  features: (p) => [feature(p.id, p.location, properties(monitoringPointRow(p), POINT_COLUMNS))],
};

/*
 * A contaminated site has no geometry of its own: its GeoJSON feature has its parcel's boundary,
 * which planning answers (the CSV names the parcel only, and needs environment alone).
 */
const SITE_COLUMNS = ['id', 'externalId', 'name', 'districtCode', 'parcelId', 'formerActivity', 'enterpriseCreditCode', 'status', 'statusSince', 'listed'] as const;
function siteRow(s: Node): Row {
  const { district: d, parcel, enterprise, ...fields } = s;
  return { ...fields, districtCode: code(d), parcelId: id(parcel), enterpriseCreditCode: enterprise?.creditCode ?? null };
}

const contaminatedSites: ExportList = {
  name: 'contaminated-sites',
  field: 'contaminatedSites',
  filter: { ...districtFilter, listed: given('Boolean', 'listed', bool), status: given('SiteStatus', 'status', enumValue) },
  node: (format) =>
    `id externalId name district { code } parcel { id${format === 'geojson' ? ' geometry' : ''} } formerActivity enterprise { creditCode } status statusSince listed`,
  columns: SITE_COLUMNS,
  rows: (s) => [siteRow(s)],
  features: (s) => [feature(s.id, s.parcel?.geometry, properties(siteRow(s), SITE_COLUMNS))],
};

/*
 * A water source's location (its intake) needs the scope water:read: without it the API answers
 * FORBIDDEN there, and the export leaves lon and lat empty (a GeoJSON feature without geometry).
 * In GeoJSON each source is followed by its protection zones, told apart by `featureType`.
 */
const SOURCE_COLUMNS = ['id', 'externalId', 'name', 'kind', 'districtCode', 'lon', 'lat', 'capacityM3PerDay', 'servedPopulation', 'inServiceSince'] as const;
function waterSourceRow(w: Node): Row {
  const { district: d, location, zones: _zones, ...fields } = w;
  return { ...fields, districtCode: code(d), ...lonLat(location) };
}
const ZONE_FIELDS = 'id externalId level part areaKm2 approvedOn approvalDocument geometry';
const ZONE_COLUMNS = ['id', 'externalId', 'waterSourceId', 'level', 'part', 'areaKm2', 'approvedOn', 'approvalDocument', 'geometry'] as const;
function zoneRow(z: Node): Row {
  const { waterSource, ...fields } = z;
  return { ...fields, waterSourceId: id(waterSource) };
}

const waterSources: ExportList = {
  name: 'water-sources',
  field: 'waterSources',
  filter: { ...districtFilter, kind: given('WaterSourceKind', 'kind', enumValue), ...bboxFilter },
  node: (format) => `id externalId name kind district { code } location capacityM3PerDay servedPopulation inServiceSince${format === 'geojson' ? ` zones { ${ZONE_FIELDS} }` : ''}`,
  columns: SOURCE_COLUMNS,
  rows: (w) => [waterSourceRow(w)],
  features: (w) => [
    feature(w.id, w.location, { featureType: 'waterSource', ...properties(waterSourceRow(w), SOURCE_COLUMNS) }),
    ...(w.zones as Node[]).map((z) => feature(z.id, z.geometry, { featureType: 'protectionZone', ...properties(zoneRow({ ...z, waterSource: w }), ZONE_COLUMNS) })),
  ],
};

const protectionZones: ExportList = {
  name: 'protection-zones',
  field: 'protectionZones',
  filter: {
    waterSourceId: given('ID', 'waterSource', text),
    level: given('ZoneLevel', 'level', enumValue),
    part: given('ZonePart', 'part', enumValue),
    ...bboxFilter,
  },
  node: () => `${ZONE_FIELDS} waterSource { id }`,
  columns: ZONE_COLUMNS,
  rows: (z) => [zoneRow(z)],
  features: (z) => [feature(z.id, z.geometry, properties(zoneRow(z), ZONE_COLUMNS))],
};

/** Survey points as soil samples: in CSV one line per measured content, in GeoJSON one Point per point with its contents. */
const SURVEY_POINT_COLUMNS = ['id', 'externalId', 'districtCode', 'sampledOn', 'depthCm', 'soilType', 'parentMaterial', 'pH', 'groundwaterDepthM', 'lon', 'lat'] as const;
function surveyPointRow(p: Node): Row {
  const { district: d, location, measurements: _measurements, ...fields } = p;
  return { ...fields, districtCode: code(d), ...lonLat(location) };
}

const surveyPoints: ExportList = {
  name: 'survey-points',
  field: 'surveyPoints',
  filter: {
    ...districtFilter,
    soilType: given('SoilType', 'soilType', enumValue),
    parentMaterial: given('ParentMaterial', 'parentMaterial', enumValue),
    sampledOn: dateRange('sampledFrom', 'sampledTo'),
    ...bboxFilter,
  },
  node: () => 'id externalId district { code } sampledOn depthCm soilType parentMaterial pH groundwaterDepthM location measurements { analyte mgPerKg }',
  columns: [...SURVEY_POINT_COLUMNS, 'analyte', 'mgPerKg'],
  rows: (p) => {
    const point = surveyPointRow(p);
    const measurements = p.measurements as Node[];
    return measurements.length === 0 ? [point] : measurements.map((m) => ({ ...point, ...m }));
  },
  features: (p) => [feature(p.id, p.location, { ...properties(surveyPointRow(p), SURVEY_POINT_COLUMNS), measurements: p.measurements })],
};

/** Every exported list, by its file name. */
export const EXPORT_LISTS: ReadonlyMap<string, ExportList> = new Map(
  [parcels, soilSamples, monitoringPoints, contaminatedSites, waterSources, protectionZones, surveyPoints].map((l) => [l.name, l]),
);
