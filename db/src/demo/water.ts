// Placeholder until the water tables exist: generates and seeds nothing.
// Contract other generators rely on: WaterDemo keeps at least these fields.
import type { Point, Polygon } from 'geojson';
import type { Database } from '../client.ts';
import type { PlanningDemo } from './planning.ts';

export interface WaterDemo {
  sources: { id: string; districtCode: string; location: Point }[];
  zones: { id: string; waterSourceId: string; level: 'LEVEL_1' | 'LEVEL_2' | 'QUASI'; geometry: Polygon }[];
}

export function generateWater(_seed: string, _scale: number, _planning: PlanningDemo): WaterDemo {
  return { sources: [], zones: [] };
}

export async function seedWater(_db: Database, _data: WaterDemo): Promise<void> {}

export async function waterIsSeeded(_db: Database): Promise<boolean> {
  return true;
}
