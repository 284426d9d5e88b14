// Placeholder until the agriculture tables exist: generates and seeds nothing.
import type { Database } from '../client.ts';
import type { PlanningDemo } from './planning.ts';

export type AgricultureDemo = Record<string, never>;

export function generateAgriculture(_seed: string, _scale: number, _planning: PlanningDemo): AgricultureDemo {
  return {};
}

export async function seedAgriculture(_db: Database, _data: AgricultureDemo): Promise<void> {}

export async function agricultureIsSeeded(_db: Database): Promise<boolean> {
  return true;
}
