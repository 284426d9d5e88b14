import { BEIJING_DISTRICTS } from '@soilgraph/domain';
import { bboxOf } from '@soilgraph/geo';
import type { Polygon } from 'geojson';
import type { Database } from '../client.ts';
import { districts, type NewDistrictRow, type NewParcelRow, parcels } from '../planning/index.ts';
import { DISTRICT_BOXES, DISTRICT_PROFILES, LAND_USE_MIX, PLANNED_CHANGES } from './geography.ts';
import { insertInChunks } from './insert.ts';
import { createRandom, round } from './random.ts';

export interface PlanningDemo {
  districts: NewDistrictRow[];
  parcels: (NewParcelRow & { id: string; geometry: Polygon })[];
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
  return { districts: districtRows, parcels: parcelRows };
}

export async function seedPlanning(db: Database, data: PlanningDemo): Promise<void> {
  await insertInChunks(db, districts, data.districts);
  await insertInChunks(db, parcels, data.parcels);
}

export async function planningIsSeeded(db: Database): Promise<boolean> {
  const rows = await db.select({ code: districts.code }).from(districts).limit(1);
  return rows.length > 0;
}
