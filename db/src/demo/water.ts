import { bboxOf } from '@soilgraph/geo';
import type { Point, Polygon, Position } from 'geojson';
import type { Database } from '../client.ts';
import {
  type NewProtectionZoneRow,
  type NewWaterSourceRow,
  protectionZones,
  type WaterSourceKind,
  waterSources,
  type ZoneLevel,
  type ZonePart,
} from '../water/index.ts';
import { DISTRICT_BOXES } from './geography.ts';
import { insertInChunks } from './insert.ts';
import type { PlanningDemo } from './planning.ts';
import { createRandom, type Random, round } from './random.ts';

/**
 * Contract other generators rely on (environment reads sources' id, districtCode, location
 * and zones' id, waterSourceId, level, geometry): the rows below carry at least those.
 */
export interface WaterDemo {
  sources: (NewWaterSourceRow & { id: string; districtCode: string; location: Point; kind: WaterSourceKind })[];
  zones: (NewProtectionZoneRow & { id: string; waterSourceId: string; level: ZoneLevel; part: ZonePart; geometry: Polygon })[];
}

type SourceRow = WaterDemo['sources'][number];
type ZoneRow = WaterDemo['zones'][number];

/**
 * The two reservoirs that supply Beijing, at approximate positions inside the synthetic
 * district boxes. Radii (degrees of latitude) of the nested zones, innermost first.
 */
const RESERVOIRS = [
  {
    districtCode: '110118',
    name: 'Miyun Reservoir',
    at: [116.98, 40.52],
    capacity: 1_200_000,
    since: 1985,
    level1: { water: 0.025, land: 0.04 },
    level2: { water: 0.07, land: 0.105 },
    quasi: 0.17,
  },
  {
    districtCode: '110116',
    name: 'Huairou Reservoir',
    at: [116.58, 40.47],
    capacity: 300_000,
    since: 1990,
    level1: { water: 0.01, land: 0.016 },
    level2: { water: 0.028, land: 0.043 },
    quasi: 0.07,
  },
] as const;

/** Groundwater well fields of the plain districts, one per district per unit of scale. */
const WELL_FIELDS = [
  { districtCode: '110108', name: 'Haidian Shangzhuang well field' },
  { districtCode: '110111', name: 'Fangshan Liangxiang well field' },
  { districtCode: '110112', name: 'Tongzhou Xinhua well field' },
  { districtCode: '110113', name: 'Shunyi Mapo well field' },
  { districtCode: '110114', name: 'Changping Shahe well field' },
  { districtCode: '110115', name: 'Daxing Huangcun well field' },
  { districtCode: '110117', name: 'Pinggu Wangduzhuang well field' },
] as const;

/** Well-field zones: level 1 around the wells, level 2 well beyond it (degrees of latitude). */
const WELL_RADII = { level1: [0.004, 0.007], level2: [0.02, 0.032] } as const;

const LEVEL_CODES: Record<ZoneLevel, string> = { LEVEL_1: 'L1', LEVEL_2: 'L2', QUASI: 'Q' };
const KM_PER_DEGREE = 111.32;

/** Degrees of longitude per degree of latitude at a latitude, so zones come out round on the ground. */
function lonStretch(lat: number): number {
  return 1 / Math.cos((lat * Math.PI) / 180);
}

/**
 * An irregular closed ring of 8-12 vertices around a centre, counter-clockwise. Vertices lie
 * 0.9-1.1 × `radius` from the centre and no edge comes closer than about 0.76 × `radius`,
 * so a ring of radius R >= 1.5 r contains every ring of radius r around the same centre.
 */
function irregularRing(random: Random, [lon, lat]: readonly [number, number], radius: number): Position[] {
  const vertices = random.int(8, 12);
  const step = (2 * Math.PI) / vertices;
  const start = random.between(0, step);
  const ring: Position[] = [];
  for (let i = 0; i < vertices; i++) {
    const angle = start + i * step + random.between(-0.2, 0.2) * step;
    const r = radius * random.between(0.9, 1.1);
    ring.push([round(lon + r * Math.cos(angle) * lonStretch(lat), 5), round(lat + r * Math.sin(angle), 5)]);
  }
  ring.push(ring[0]!);
  return ring;
}

/** Area of a lon/lat ring in km², planar near Beijing's latitude. */
function ringAreaKm2(ring: readonly Position[], lat: number): number {
  let twiceArea = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    twiceArea += x1! * y2! - x2! * y1!;
  }
  return (Math.abs(twiceArea) / 2) * KM_PER_DEGREE * KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
}

function polygonAreaKm2(polygon: Polygon, lat: number): number {
  const [outer, ...holes] = polygon.coordinates;
  const area = ringAreaKm2(outer!, lat) - holes.reduce((sum, hole) => sum + ringAreaKm2(hole, lat), 0);
  return round(area, 3);
}

/** A land strip around a water area: the outer ring with the water area as its hole (clockwise, RFC 7946). */
function ringAround(random: Random, centre: readonly [number, number], radius: number, inner: Polygon): Polygon {
  return { type: 'Polygon', coordinates: [irregularRing(random, centre, radius), [...inner.coordinates[0]!].reverse()] };
}

function disc(random: Random, centre: readonly [number, number], radius: number): Polygon {
  return { type: 'Polygon', coordinates: [irregularRing(random, centre, radius)] };
}

function approval(random: Random, year: number): { approvedOn: string; approvalDocument: string } {
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  const number = random.int(10, 180);
  return {
    approvedOn: `${year}-${month}-${day}`,
    approvalDocument: `Beijing Municipal Government approval ${year} No. ${number} (synthetic)`,
  };
}

function zoneRow(source: SourceRow, level: ZoneLevel, part: ZonePart, geometry: Polygon, suffixPart: boolean, approved: ReturnType<typeof approval>): ZoneRow {
  const id = `${source.id}-${LEVEL_CODES[level]}${suffixPart ? `-${part[0]}` : ''}`;
  return {
    id,
    externalId: `demo-water-${id}`,
    waterSourceId: source.id,
    level,
    part,
    geometry,
    ...bboxOf(geometry),
    areaKm2: polygonAreaKm2(geometry, source.location.coordinates[1]!),
    ...approved,
  };
}

function sourceRow(
  id: string,
  districtCode: string,
  name: string,
  kind: WaterSourceKind,
  [lon, lat]: readonly [number, number],
  capacity: number,
  servedPopulation: number,
  since: number,
): SourceRow {
  return {
    id,
    externalId: `demo-water-${id}`,
    name: `${name} (synthetic)`,
    kind,
    districtCode,
    location: { type: 'Point', coordinates: [lon, lat] },
    lon,
    lat,
    capacityM3PerDay: capacity,
    servedPopulation,
    inServiceSince: since,
  };
}

/** Surface sources: level 1 and level 2 each in a water part and a land strip around it, then a quasi zone. */
function reservoir(random: Random, spec: (typeof RESERVOIRS)[number], serial: number): { source: SourceRow; zones: ZoneRow[] } {
  const at = [spec.at[0], spec.at[1]] as const;
  const id = `WS-${spec.districtCode}-${String(serial).padStart(2, '0')}`;
  const source = sourceRow(id, spec.districtCode, spec.name, 'SURFACE', at, spec.capacity, Math.round(spec.capacity * 4.2), spec.since);
  const approved = approval(random, random.int(2015, 2020));
  const l1Water = disc(random, at, spec.level1.water);
  const l1Land = ringAround(random, at, spec.level1.land, l1Water);
  const l2Water = disc(random, at, spec.level2.water);
  const l2Land = ringAround(random, at, spec.level2.land, l2Water);
  const quasi = disc(random, at, spec.quasi);
  return {
    source,
    zones: [
      zoneRow(source, 'LEVEL_1', 'WATER', l1Water, true, approved),
      zoneRow(source, 'LEVEL_1', 'LAND', l1Land, true, approved),
      zoneRow(source, 'LEVEL_2', 'WATER', l2Water, true, approved),
      zoneRow(source, 'LEVEL_2', 'LAND', l2Land, true, approved),
      zoneRow(source, 'QUASI', 'LAND', quasi, false, approved),
    ],
  };
}

/** The rough centre of a parcel: the mean of its ring's distinct vertices. */
function centreOf(polygon: Polygon): [number, number] {
  const ring = polygon.coordinates[0]!.slice(0, -1);
  const lon = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
  const lat = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
  return [lon, lat];
}

/**
 * Where a district's n-th well field lies: at the centre of a farmland parcel (GB/T 21010
 * 01 or 02) of the district, so the farmland falls inside its protection zones; without
 * farmland, any parcel; without parcels, the middle of the district's box.
 */
function wellFieldSite(random: Random, districtCode: string, planning: PlanningDemo, used: Set<string>): [number, number] {
  const inDistrict = planning.parcels.filter((p) => p.districtCode === districtCode && !used.has(p.id));
  const farmland = inDistrict.filter((p) => p.landUse.startsWith('01') || p.landUse.startsWith('02'));
  const candidates = farmland.length > 0 ? farmland : inDistrict;
  if (candidates.length === 0) {
    const [minLon, minLat, maxLon, maxLat] = DISTRICT_BOXES[districtCode]!;
    return [round(random.between(minLon, maxLon), 5), round(random.between(minLat, maxLat), 5)];
  }
  const parcel = random.pick(candidates);
  used.add(parcel.id);
  const [lon, lat] = centreOf(parcel.geometry);
  return [round(lon, 5), round(lat, 5)];
}

function wellField(random: Random, spec: (typeof WELL_FIELDS)[number], serial: number, at: readonly [number, number]): { source: SourceRow; zones: ZoneRow[] } {
  const id = `WS-${spec.districtCode}-${String(serial).padStart(2, '0')}`;
  const name = serial === 1 ? spec.name : `${spec.name} No. ${serial}`;
  const capacity = random.int(30, 200) * 1000;
  const source = sourceRow(id, spec.districtCode, name, 'GROUNDWATER', at, capacity, Math.round(capacity * random.between(3.5, 4.5)), random.int(1978, 2015));
  const approved = approval(random, random.int(2015, 2020));
  const level1 = disc(random, at, random.between(...WELL_RADII.level1));
  const level2 = disc(random, at, random.between(...WELL_RADII.level2));
  return {
    source,
    zones: [zoneRow(source, 'LEVEL_1', 'LAND', level1, false, approved), zoneRow(source, 'LEVEL_2', 'LAND', level2, false, approved)],
  };
}

/**
 * Beijing's centralised drinking-water sources, synthetic: Miyun and Huairou reservoirs and
 * `7 × scale` groundwater well fields placed on farmland parcels of the plain districts.
 * Zones are nested: each level's area (water part plus land strip) lies inside the next.
 */
export function generateWater(seed: string, scale: number, planning: PlanningDemo): WaterDemo {
  const random = createRandom(`${seed}:water`);
  const sources: SourceRow[] = [];
  const zones: ZoneRow[] = [];
  const serials = new Map<string, number>();
  const nextSerial = (districtCode: string) => {
    const n = (serials.get(districtCode) ?? 0) + 1;
    serials.set(districtCode, n);
    return n;
  };
  for (const spec of RESERVOIRS) {
    const built = reservoir(random, spec, nextSerial(spec.districtCode));
    sources.push(built.source);
    zones.push(...built.zones);
  }
  const used = new Set<string>();
  for (let pass = 0; pass < scale; pass++) {
    for (const spec of WELL_FIELDS) {
      const at = wellFieldSite(random, spec.districtCode, planning, used);
      const built = wellField(random, spec, nextSerial(spec.districtCode), at);
      sources.push(built.source);
      zones.push(...built.zones);
    }
  }
  sources.sort((a, b) => a.id.localeCompare(b.id));
  zones.sort((a, b) => a.id.localeCompare(b.id));
  return { sources, zones };
}

export async function seedWater(db: Database, data: WaterDemo): Promise<void> {
  await insertInChunks(db, waterSources, data.sources);
  await insertInChunks(db, protectionZones, data.zones);
}

export async function waterIsSeeded(db: Database): Promise<boolean> {
  const rows = await db.select({ id: waterSources.id }).from(waterSources).limit(1);
  return rows.length > 0;
}
