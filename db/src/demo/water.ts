// Placeholder until the water tables exist: generates and seeds nothing.
import type { Database } from '../client.ts';
import type { PlanningDemo } from './planning.ts';

export type WaterDemo = Record<string, never>;

export function generateWater(_seed: string, _scale: number, _planning: PlanningDemo): WaterDemo {
  return {};
}

export async function seedWater(_db: Database, _data: WaterDemo): Promise<void> {}

export async function waterIsSeeded(_db: Database): Promise<boolean> {
  return true;
}
