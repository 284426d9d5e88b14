import path from 'node:path';
import { buildService } from '../packages/server-kit/bin/build.js';

/**
 * Vitest global setup for every project: builds each service (`pnpm build`, dist/index.js) from
 * the code under test, so that a test that starts one the way its container does (`pnpm --filter
 * <package> start`, node dist/index.js) runs this code, not an earlier build.
 */
const SERVICES = ['gateway', 'subgraphs/planning', 'subgraphs/environment', 'subgraphs/agriculture', 'subgraphs/water', 'subgraphs/geology'];

export async function setup(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '..');
  await Promise.all(SERVICES.map((service) => buildService(path.join(root, service))));
}
