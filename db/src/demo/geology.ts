// Placeholder until the geology tables exist: generates and seeds nothing.
import type { Database } from '../client.ts';
import type { PlanningDemo } from './planning.ts';

export type GeologyDemo = Record<string, never>;

export function generateGeology(_seed: string, _scale: number, _planning: PlanningDemo): GeologyDemo {
  return {};
}

export async function seedGeology(_db: Database, _data: GeologyDemo): Promise<void> {}

export async function geologyIsSeeded(_db: Database): Promise<boolean> {
  return true;
}
