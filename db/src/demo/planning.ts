import { BEIJING_DISTRICTS } from '@soilgraph/domain';
import { bboxOf } from '@soilgraph/geo';
import type { Polygon } from 'geojson';
import type { Database } from '../client.ts';
import {
  districts,
  type LandUseChangeRow,
  landUseChanges,
  type NewDistrictRow,
  type NewParcelRow,
  parcels,
} from '../planning/index.ts';
import { DISTRICT_BOXES, DISTRICT_PROFILES, LAND_USE_MIX, PLANNED_CHANGES } from './geography.ts';
import { insertInChunks } from './insert.ts';
import { createRandom, type Random, round } from './random.ts';

type Plain<T> = Omit<T, 'createdAt' | 'updatedAt'>;

export interface PlanningDemo {
  districts: NewDistrictRow[];
  parcels: (NewParcelRow & { id: string; geometry: Polygon })[];
  /** The case register: how each parcel came by its planned use, and cases still open or rejected. */
  landUseChanges: Plain<LandUseChangeRow>[];
}

const PARCELS_PER_DISTRICT = { core: 8, inner: 12, plain: 16, mountain: 12 } as const;

/** A rough area in hectares of a small lon/lat polygon near Beijing's latitude. */
function areaHa(polygon: Polygon): number {
  const ring = polygon.coordinates[0]!;
  let twiceArea = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    twiceArea += x1! * y2! - x2! * y1!;
  }
  const degrees2 = Math.abs(twiceArea) / 2;
  const metresPerDegLat = 111_000;
  const metresPerDegLon = 111_000 * Math.cos((40 * Math.PI) / 180);
  return round((degrees2 * metresPerDegLat * metresPerDegLon) / 10_000, 2);
}

export function generatePlanning(seed: string, scale: number): PlanningDemo {
  const random = createRandom(`${seed}:planning`);
  const districtRows = BEIJING_DISTRICTS.map((d) => ({ code: d.code, name: d.name, nameZh: d.nameZh }));
  const parcelRows: PlanningDemo['parcels'] = [];
  for (const district of BEIJING_DISTRICTS) {
    const profile = DISTRICT_PROFILES[district.code]!;
    const [minLon, minLat, maxLon, maxLat] = DISTRICT_BOXES[district.code]!;
    const count = PARCELS_PER_DISTRICT[profile] * scale;
    for (let n = 1; n <= count; n++) {
      const landUse = random.weighted(LAND_USE_MIX[profile]);
      const width = random.between(0.003, 0.012);
      const height = random.between(0.003, 0.01);
      const x = round(random.between(minLon, maxLon - width), 5);
      const y = round(random.between(minLat, maxLat - height), 5);
      const skew = round(random.between(-0.001, 0.001), 5);
      const geometry: Polygon = {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [round(x + width, 5), round(y + skew, 5)],
            [round(x + width, 5), round(y + height, 5)],
            [x, round(y + height - skew, 5)],
            [x, y],
          ],
        ],
      };
      const changes = PLANNED_CHANGES[landUse.slice(0, 2)];
      const plannedUse = changes && random.chance(0.25) ? random.pick(changes) : null;
      const serial = String(n).padStart(4, '0');
      parcelRows.push({
        id: `${district.code}-P${serial}`,
        externalId: `demo-planning-${district.code}-${serial}`,
        districtCode: district.code,
        name: `${district.name} parcel ${serial} (synthetic)`,
        landUse,
        plannedUse,
        areaHa: areaHa(geometry),
        geometry,
        ...bboxOf(geometry),
      });
    }
  }
  return { districts: districtRows, parcels: parcelRows, landUseChanges: generateLandUseChanges(seed, parcelRows) };
}

/** Planned uses a parcel plausibly had before a change, by first-level GB/T 21010 class of its land. */
const EARLIER_PLANNED_USES: Readonly<Record<string, readonly string[]>> = {
  '01': ['G2', 'U'],
  '02': ['G2', 'G'],
  '05': ['B1', 'B2', 'W'],
  '06': ['M1', 'M2', 'M3', 'W'],
  '07': ['R2', 'R3'],
};

/** Sensitive uses (plan items 16-17) that open cases apply for. */
const SENSITIVE_TARGETS = ['R2', 'A33', 'A5', 'A6', 'G1'] as const;
/** What rejected cases asked for: mostly sensitive uses, some others. */
const REJECTED_TARGETS = ['R2', 'A33', 'A5', 'G1', 'B1', 'M1', 'W'] as const;

function dayBetween(random: Random, from: string, to: string): string {
  const start = Date.parse(`${from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / 86_400_000);
  return new Date(start + random.int(0, days) * 86_400_000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The case register, consistent with the parcels: every parcel with a planned use got it
 * through an approved case (2017-2023); about one parcel in 16 without one has an open case
 * to a sensitive use; a few others had a case rejected. Serials count each district's cases
 * in the order they were proposed. Its own random stream, so parcels stay as they were.
 */
function generateLandUseChanges(seed: string, parcelRows: PlanningDemo['parcels']): PlanningDemo['landUseChanges'] {
  const random = createRandom(`${seed}:planning:land-use-changes`);
  const rows: PlanningDemo['landUseChanges'] = [];
  for (const district of BEIJING_DISTRICTS) {
    const inDistrict = parcelRows.filter((p) => p.districtCode === district.code);
    type Draft = Omit<PlanningDemo['landUseChanges'][number], 'id' | 'externalId' | 'caseNumber'>;
    const drafts: Draft[] = [];
    for (const parcel of inDistrict) {
      if (!parcel.plannedUse) continue;
      const earlier = (EARLIER_PLANNED_USES[parcel.landUse.slice(0, 2)] ?? []).filter((c) => c !== parcel.plannedUse);
      const fromPlannedUse = earlier.length > 0 && random.chance(0.4) ? random.pick(earlier) : null;
      const proposedOn = dayBetween(random, '2017-01-01', '2023-12-31');
      drafts.push({
        parcelId: parcel.id,
        districtCode: district.code,
        fromPlannedUse,
        toPlannedUse: parcel.plannedUse,
        status: 'APPROVED',
        proposedOn,
        decidedOn: addDays(proposedOn, random.int(30, 200)),
      });
    }
    // Parcels without a planned use, in a seeded order: the first get open cases, the next rejected ones.
    const open = inDistrict.filter((p) => !p.plannedUse);
    for (let i = open.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [open[i], open[j]] = [open[j]!, open[i]!];
    }
    const proposedCount = Math.min(open.length, Math.max(1, Math.round(inDistrict.length / 16)));
    const rejectedCount = Math.min(open.length - proposedCount, Math.round(inDistrict.length / 32));
    for (const [i, parcel] of open.slice(0, proposedCount + rejectedCount).entries()) {
      if (i < proposedCount) {
        drafts.push({
          parcelId: parcel.id,
          districtCode: district.code,
          fromPlannedUse: null,
          toPlannedUse: random.pick(SENSITIVE_TARGETS),
          status: 'PROPOSED',
          proposedOn: dayBetween(random, '2024-01-01', '2025-06-30'),
          decidedOn: null,
        });
      } else {
        const proposedOn = dayBetween(random, '2018-01-01', '2024-06-30');
        drafts.push({
          parcelId: parcel.id,
          districtCode: district.code,
          fromPlannedUse: null,
          toPlannedUse: random.pick(REJECTED_TARGETS),
          status: 'REJECTED',
          proposedOn,
          decidedOn: addDays(proposedOn, random.int(30, 200)),
        });
      }
    }
    drafts.sort((a, b) => a.proposedOn.localeCompare(b.proposedOn) || a.parcelId.localeCompare(b.parcelId));
    for (const [i, draft] of drafts.entries()) {
      const serial = String(i + 1).padStart(3, '0');
      rows.push({
        id: `LUC-${district.code}-${serial}`,
        externalId: `demo-planning-luc-${district.code}-${serial}`,
        caseNumber: `BJGT-${district.code.slice(4)}-${draft.proposedOn.slice(0, 4)}-${serial}`,
        ...draft,
      });
    }
  }
  return rows;
}

export async function seedPlanning(db: Database, data: PlanningDemo): Promise<void> {
  await insertInChunks(db, districts, data.districts);
  await insertInChunks(db, parcels, data.parcels);
  await insertInChunks(db, landUseChanges, data.landUseChanges);
}

export async function planningIsSeeded(db: Database): Promise<boolean> {
  const rows = await db.select({ code: districts.code }).from(districts).limit(1);
  return rows.length > 0;
}
