// Placeholder until the environment tables exist: generates and seeds nothing.
import type { Database } from '../client.ts';
import type { PlanningDemo } from './planning.ts';
import type { WaterDemo } from './water.ts';

export type EnvironmentDemo = Record<string, never>;

export function generateEnvironment(_seed: string, _scale: number, _planning: PlanningDemo, _water: WaterDemo): EnvironmentDemo {
  return {};
}

export async function seedEnvironment(_db: Database, _data: EnvironmentDemo): Promise<void> {}

export async function environmentIsSeeded(_db: Database): Promise<boolean> {
  return true;
}
