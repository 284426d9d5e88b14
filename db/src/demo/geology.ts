import { type Analyte, BEIJING_DISTRICTS } from '@soilgraph/domain';
import { bboxOf } from '@soilgraph/geo';
import type { Point } from 'geojson';
import type { Database } from '../client.ts';
import {
  type BackgroundValueRow,
  backgroundValues,
  type ParentMaterial,
  type SoilType,
  type SurveyMeasurementRow,
  type SurveyPointRow,
  surveyMeasurements,
  surveyPoints,
} from '../geology/index.ts';
import { DISTRICT_BOXES, DISTRICT_PROFILES } from './geography.ts';
import { insertInChunks } from './insert.ts';
import type { PlanningDemo } from './planning.ts';
import { createRandom, type Random, round } from './random.ts';

type Plain<T> = Omit<T, 'createdAt' | 'updatedAt'>;

/** Rows as seeded; tests read them as the answer key (every column present). */
export interface GeologyDemo {
  points: (Plain<SurveyPointRow> & { location: Point })[];
  measurements: Plain<SurveyMeasurementRow>[];
  backgroundValues: Plain<BackgroundValueRow>[];
}

type PointRow = GeologyDemo['points'][number];
type Profile = (typeof DISTRICT_PROFILES)[string];

export const BACKGROUND_SOURCE = 'Beijing geochemical survey (synthetic)';

/** Grid points per district profile (times scale): denser on the plain. */
const GRID_POINTS: Record<Profile, number> = { core: 6, inner: 10, plain: 14, mountain: 10 };
/** Extra points placed at the centre of planning parcels (times scale), so parcels have points inside. */
const PARCEL_POINTS_PER_DISTRICT = 2;

const MOUNTAIN_DISTRICTS = new Set(['110109', '110116', '110117', '110118', '110119']);
const SALINE_DISTRICTS = new Set(['110112', '110115']);
const MEADOW_DISTRICTS = new Set(['110109', '110116', '110119']);

/**
 * Analytes the survey measures with Beijing's approximate topsoil background medians (mg/kg)
 * and the decimals a lab reports.
 */
const SURVEYED: readonly { analyte: Analyte; median: number; decimals: number }[] = [
  { analyte: 'CADMIUM', median: 0.12, decimals: 3 },
  { analyte: 'MERCURY', median: 0.05, decimals: 3 },
  { analyte: 'ARSENIC', median: 8.5, decimals: 2 },
  { analyte: 'LEAD', median: 23, decimals: 1 },
  { analyte: 'CHROMIUM', median: 58, decimals: 1 },
  { analyte: 'COPPER', median: 21, decimals: 1 },
  { analyte: 'NICKEL', median: 26, decimals: 1 },
  { analyte: 'ZINC', median: 68, decimals: 1 },
];

/** How parent material shifts the median of an analyte (limestone carries more Cd, granite less Cr and Ni). */
const PARENT_FACTOR: Partial<Record<ParentMaterial, Partial<Record<Analyte, number>>>> = {
  LIMESTONE_WEATHERING: { CADMIUM: 1.4, ZINC: 1.15, ARSENIC: 1.1 },
  GRANITE_WEATHERING: { CHROMIUM: 0.75, NICKEL: 0.7, LEAD: 1.15 },
  LOESS: { ARSENIC: 1.05 },
};

function soilAndParent(random: Random, districtCode: string, profile: Profile): [SoilType, ParentMaterial] {
  if (MOUNTAIN_DISTRICTS.has(districtCode)) {
    const soil = random.weighted<SoilType>([
      ['BROWN_EARTH', 4],
      ['CINNAMON', 4],
      ['MOUNTAIN_MEADOW', MEADOW_DISTRICTS.has(districtCode) ? 1 : 0],
    ]);
    if (soil === 'MOUNTAIN_MEADOW') return [soil, 'GRANITE_WEATHERING'];
    if (soil === 'BROWN_EARTH') return [soil, random.weighted<ParentMaterial>([['GRANITE_WEATHERING', 3], ['LIMESTONE_WEATHERING', 1]])];
    return [soil, random.weighted<ParentMaterial>([['LIMESTONE_WEATHERING', 3], ['GRANITE_WEATHERING', 1], ['DILUVIUM', 1]])];
  }
  const soil = random.weighted<SoilType>([
    ['FLUVO_AQUIC', profile === 'plain' ? 4 : 3],
    ['CINNAMON', 3],
    ['SALINE_ALKALI', SALINE_DISTRICTS.has(districtCode) ? 1 : 0],
  ]);
  if (soil === 'CINNAMON') return [soil, random.weighted<ParentMaterial>([['LOESS', 2], ['DILUVIUM', 1], ['ALLUVIUM', 1]])];
  return [soil, 'ALLUVIUM'];
}

function ph(random: Random, soil: SoilType): number {
  switch (soil) {
    case 'SALINE_ALKALI':
      return round(random.between(8.5, 9.4), 2);
    case 'BROWN_EARTH':
    case 'MOUNTAIN_MEADOW':
      return round(random.between(5.8, 7.2), 2);
    default:
      return round(random.between(7.0, 8.4), 2);
  }
}

function sampledOn(random: Random): string {
  const start = Date.UTC(2016, 2, 1);
  const day = random.int(0, 365 * 3);
  return new Date(start + day * 86_400_000).toISOString().slice(0, 10);
}

function surveyPoint(random: Random, districtCode: string, serial: number, lon: number, lat: number): PointRow {
  const profile = DISTRICT_PROFILES[districtCode]!;
  const mountain = MOUNTAIN_DISTRICTS.has(districtCode);
  const [soilType, parentMaterial] = soilAndParent(random, districtCode, profile);
  const groundwaterDepthM = mountain
    ? random.chance(0.2)
      ? null
      : round(random.between(30, 120), 1)
    : round(random.between(5, 40), 1);
  const id = String(serial).padStart(4, '0');
  return {
    id: `GS-${districtCode}-${id}`,
    externalId: `demo-geology-${districtCode}-${id}`,
    districtCode,
    location: { type: 'Point', coordinates: [lon, lat] },
    lon,
    lat,
    sampledOn: random.chance(0.05) ? null : sampledOn(random),
    depthCm: random.pick([20, 20, 20, 30]),
    soilType,
    parentMaterial,
    groundwaterDepthM,
    ph: random.chance(0.05) ? null : ph(random, soilType),
  };
}

function measurementsAt(random: Random, point: PointRow): GeologyDemo['measurements'] {
  return SURVEYED.map(({ analyte, median, decimals }) => {
    const factor = PARENT_FACTOR[point.parentMaterial]?.[analyte] ?? 1;
    const value = Math.max(round(random.logNormal(median * factor, 1.35), decimals), 10 ** -decimals);
    return { pointId: point.id, analyte, valueMgPerKg: value };
  });
}

/** The value below which a share `q` of sorted values lies, linear between order statistics. */
export function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/** Background values per district and analyte: count, mean, median and 95th percentile (4 decimals). */
function backgroundFrom(points: readonly PointRow[], measurements: GeologyDemo['measurements']): GeologyDemo['backgroundValues'] {
  const districtOf = new Map(points.map((p) => [p.id, p.districtCode]));
  const groups = new Map<string, number[]>();
  for (const m of measurements) {
    const key = `${districtOf.get(m.pointId)!}|${m.analyte}`;
    const values = groups.get(key) ?? [];
    values.push(m.valueMgPerKg);
    groups.set(key, values);
  }
  return [...groups].map(([key, values]) => {
    const [districtCode, analyte] = key.split('|') as [string, Analyte];
    const sorted = [...values].sort((a, b) => a - b);
    return {
      districtCode,
      analyte,
      sampleCount: values.length,
      meanMgPerKg: round(values.reduce((s, v) => s + v, 0) / values.length, 4),
      medianMgPerKg: round(quantile(sorted, 0.5), 4),
      p95MgPerKg: round(quantile(sorted, 0.95), 4),
      source: BACKGROUND_SOURCE,
    };
  });
}

export function generateGeology(seed: string, scale: number, planning: PlanningDemo): GeologyDemo {
  const random = createRandom(`${seed}:geology`);
  const points: PointRow[] = [];
  for (const district of BEIJING_DISTRICTS) {
    const code = district.code;
    const [minLon, minLat, maxLon, maxLat] = DISTRICT_BOXES[code]!;
    const count = GRID_POINTS[DISTRICT_PROFILES[code]!] * scale;
    // A jittered grid: the box cut into cols x rows cells, one point per cell until count is reached.
    const cols = Math.ceil(Math.sqrt(count * ((maxLon - minLon) / (maxLat - minLat))));
    const rows = Math.ceil(count / cols);
    let serial = 0;
    for (let cell = 0; cell < count; cell++) {
      const col = cell % cols;
      const row = Math.floor(cell / cols);
      const lon = round(minLon + ((col + random.between(0.15, 0.85)) * (maxLon - minLon)) / cols, 5);
      const lat = round(minLat + ((row + random.between(0.15, 0.85)) * (maxLat - minLat)) / rows, 5);
      points.push(surveyPoint(random, code, ++serial, lon, lat));
    }
    const parcels = planning.parcels.filter((p) => p.districtCode === code);
    const chosen = new Set<number>();
    const wanted = Math.min(PARCEL_POINTS_PER_DISTRICT * scale, parcels.length);
    while (chosen.size < wanted) chosen.add(random.int(0, parcels.length - 1));
    for (const index of [...chosen].sort((a, b) => a - b)) {
      const box = bboxOf(parcels[index]!.geometry);
      const lon = round((box.minLon + box.maxLon) / 2, 5);
      const lat = round((box.minLat + box.maxLat) / 2, 5);
      points.push(surveyPoint(random, code, ++serial, lon, lat));
    }
  }
  const measurements = points.flatMap((p) => measurementsAt(random, p));
  return { points, measurements, backgroundValues: backgroundFrom(points, measurements) };
}

export async function seedGeology(db: Database, data: GeologyDemo): Promise<void> {
  await insertInChunks(db, surveyPoints, data.points);
  await insertInChunks(db, surveyMeasurements, data.measurements);
  await insertInChunks(db, backgroundValues, data.backgroundValues);
}

export async function geologyIsSeeded(db: Database): Promise<boolean> {
  const rows = await db.select({ id: surveyPoints.id }).from(surveyPoints).limit(1);
  return rows.length > 0;
}
