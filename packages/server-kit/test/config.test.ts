import { describe, expect, it } from 'vitest';
import { subgraphEnvSchema } from '../src/config.ts';

// The bounds of a subgraph's pool and shutdown, read from its environment (README, "Configuration").
describe("a subgraph's pool and shutdown settings", () => {
  it('default to a bounded pool and a bounded shutdown', () => {
    const config = subgraphEnvSchema.parse({});
    expect({
      max: config.DB_POOL_MAX,
      wait: config.DB_POOL_WAIT_MS,
      statement: config.DB_STATEMENT_TIMEOUT_MS,
      shutdown: config.SHUTDOWN_TIMEOUT_MS,
    }).toEqual({ max: 10, wait: 5000, statement: 30_000, shutdown: 10_000 });
  });

  it('are read as numbers; DB_STATEMENT_TIMEOUT_MS=0 sets no statement timeout', () => {
    const config = subgraphEnvSchema.parse({ DB_POOL_MAX: '3', DB_POOL_WAIT_MS: '250', DB_STATEMENT_TIMEOUT_MS: '0', SHUTDOWN_TIMEOUT_MS: '1500' });
    expect([config.DB_POOL_MAX, config.DB_POOL_WAIT_MS, config.DB_STATEMENT_TIMEOUT_MS, config.SHUTDOWN_TIMEOUT_MS]).toEqual([3, 250, 0, 1500]);
  });

  it('refuse a pool without connections, an unbounded or unreadable wait, and a negative timeout, naming each', () => {
    const parsed = subgraphEnvSchema.safeParse({ DB_POOL_MAX: '0', DB_POOL_WAIT_MS: '0', DB_STATEMENT_TIMEOUT_MS: '-1', SHUTDOWN_TIMEOUT_MS: 'soon' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['DB_POOL_MAX', 'DB_POOL_WAIT_MS', 'DB_STATEMENT_TIMEOUT_MS', 'SHUTDOWN_TIMEOUT_MS']);
  });
});
