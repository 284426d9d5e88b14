import path from 'node:path';
import { type Agency, AGENCIES } from './agencies.ts';
import { connectPostgres, type DatabaseConnection, openPglite } from './client.ts';

/** Where the agencies keep their data. */
export type DatabaseTarget =
  /** Embedded PGlite in one folder, shared by every agency in this process; without a folder, in memory. */
  | { kind: 'pglite'; dataDir?: string }
  /** Real Postgres: one URL per agency (they may all be the same). */
  | { kind: 'postgres'; urlFor: (agency: Agency) => string };

/** The Postgres URL for one agency: DATABASE_URL_<AGENCY> when set, else DATABASE_URL. */
export function databaseUrlFor(agency: Agency, env: Record<string, string | undefined>): string | undefined {
  return env[`DATABASE_URL_${agency.toUpperCase()}`] || env.DATABASE_URL || undefined;
}

/**
 * The target an environment names: DATABASE_URL_<AGENCY> or DATABASE_URL for each agency,
 * else PGlite in `dataDir`. Naming Postgres for some agencies and not others is an error.
 */
export function databaseTargetFromEnv(env: Record<string, string | undefined>, dataDir: string): DatabaseTarget {
  const urlFor = (a: Agency) => databaseUrlFor(a, env);
  const missing = AGENCIES.filter((a) => urlFor(a) === undefined);
  if (missing.length === AGENCIES.length) return { kind: 'pglite', dataDir: path.resolve(dataDir) };
  if (missing.length > 0) {
    throw new Error(`set DATABASE_URL, or DATABASE_URL_<AGENCY> for ${missing.join(', ')} as well`);
  }
  return { kind: 'postgres', urlFor: (a) => urlFor(a)! };
}

export interface AgencyDatabases {
  /** For messages: "Postgres (DATABASE_URL)" or "embedded PGlite in <folder>". */
  describe: string;
  connectionFor(agency: Agency): DatabaseConnection;
  closeAll(): Promise<void>;
}

/** Opens every agency's connection: one shared PGlite (one process per folder) or one pool per agency. */
export async function openAgencyDatabases(target: DatabaseTarget, applicationName = 'soilgraph'): Promise<AgencyDatabases> {
  if (target.kind === 'pglite') {
    const shared = await openPglite(target.dataDir);
    return {
      describe: target.dataDir === undefined ? 'embedded PGlite in memory' : `embedded PGlite in ${target.dataDir}`,
      connectionFor: () => shared,
      closeAll: () => shared.close(),
    };
  }
  const connections = new Map(AGENCIES.map((a) => [a, connectPostgres(target.urlFor(a), { applicationName: `${applicationName}-${a}` })]));
  return {
    describe: 'Postgres (DATABASE_URL)',
    connectionFor: (a) => connections.get(a)!,
    closeAll: async () => {
      await Promise.all([...connections.values()].map((c) => c.close()));
    },
  };
}
