import path from 'node:path';
import { buildServices } from '../packages/server-kit/bin/build.js';

/**
 * Vitest global setup for every project: builds each service (`pnpm build`, dist/index.js) from
 * the code under test, so that a test that starts one the way its container does (`pnpm --filter
 * <package> start`, node dist/index.js) runs this code, not an earlier build.
 */
export async function setup(): Promise<void> {
  await buildServices(path.resolve(import.meta.dirname, '..'));
}
