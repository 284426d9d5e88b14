import { type Agency, AGENCIES } from '../agencies.ts';
import type { Database } from '../client.ts';
import { type AgricultureDemo, agricultureIsSeeded, generateAgriculture, seedAgriculture } from './agriculture.ts';
import { type EnvironmentDemo, environmentIsSeeded, generateEnvironment, seedEnvironment } from './environment.ts';
import { type GeologyDemo, generateGeology, geologyIsSeeded, seedGeology } from './geology.ts';
import { generatePlanning, type PlanningDemo, planningIsSeeded, seedPlanning } from './planning.ts';
import { generateWater, seedWater, type WaterDemo, waterIsSeeded } from './water.ts';

export type { AgricultureDemo, EnvironmentDemo, GeologyDemo, PlanningDemo, WaterDemo };
/** Each district's demo area, for the dashboard's approximate district shapes (packages/dashboard/scripts/districts.ts). */
export { DISTRICT_BOXES } from './geography.ts';

/**
 * SoilGraph's synthetic Beijing. Every name says "(synthetic)"; every externalId starts
 * with "demo-". The same seed and scale give the same rows, so tests use the generated
 * data as the independent answer key for what the API returns.
 */
export interface DemoData {
  seed: string;
  scale: number;
  planning: PlanningDemo;
  environment: EnvironmentDemo;
  agriculture: AgricultureDemo;
  water: WaterDemo;
  geology: GeologyDemo;
}

export const DEFAULT_DEMO_SEED = 'soilgraph-demo';

export interface DemoOptions {
  seed?: string;
  /** Multiplies the number of parcels, points, samples and survey points (benchmarks). */
  scale?: number;
}

export function generateDemoData({ seed = DEFAULT_DEMO_SEED, scale = 1 }: DemoOptions = {}): DemoData {
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`demo scale must be a whole number >= 1, got ${scale}`);
  const planning = generatePlanning(seed, scale);
  const water = generateWater(seed, scale, planning);
  const geology = generateGeology(seed, scale, planning);
  const environment = generateEnvironment(seed, scale, planning, water);
  const agriculture = generateAgriculture(seed, scale, planning);
  return { seed, scale, planning, environment, agriculture, water, geology };
}

const seeders: Record<Agency, { isSeeded: (db: Database) => Promise<boolean>; seed: (db: Database, data: DemoData) => Promise<void> }> = {
  planning: { isSeeded: planningIsSeeded, seed: (db, d) => seedPlanning(db, d.planning) },
  environment: { isSeeded: environmentIsSeeded, seed: (db, d) => seedEnvironment(db, d.environment) },
  agriculture: { isSeeded: agricultureIsSeeded, seed: (db, d) => seedAgriculture(db, d.agriculture) },
  water: { isSeeded: waterIsSeeded, seed: (db, d) => seedWater(db, d.water) },
  geology: { isSeeded: geologyIsSeeded, seed: (db, d) => seedGeology(db, d.geology) },
};

/**
 * Writes already generated data into every agency through the given handles, without looking
 * at what is there: for a fresh database whose rows a caller writes its own way (the benchmark
 * records the inserts and sends them with COPY, packages/bench/src/database.ts).
 */
export async function writeDemoData(dbFor: (agency: Agency) => Database, data: DemoData): Promise<void> {
  for (const agency of AGENCIES) await seeders[agency].seed(dbFor(agency), data);
}

/**
 * Seeds each agency whose schema holds no data yet, one transaction per agency, so a
 * seed interrupted half-way leaves that agency empty and the next start seeds it again.
 * Returns the agencies it seeded.
 */
export async function seedDemoData(dbFor: (agency: Agency) => Database, options: DemoOptions = {}): Promise<Agency[]> {
  const pending: Agency[] = [];
  for (const agency of AGENCIES) {
    if (!(await seeders[agency].isSeeded(dbFor(agency)))) pending.push(agency);
  }
  if (pending.length === 0) return [];
  const data = generateDemoData(options);
  for (const agency of pending) {
    await dbFor(agency).transaction(async (tx) => seeders[agency].seed(tx as unknown as Database, data));
  }
  return pending;
}
