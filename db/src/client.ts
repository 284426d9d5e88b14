import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Agency } from './agencies.ts';
import { applyAgencyRole } from './roles.ts';
import { statementCountingLogger } from './statements.ts';

/** A drizzle handle, the same type whether it talks to Postgres (pg) or to embedded PGlite. */
export type Database = PgDatabase<PgQueryResultHKT>;

export interface DatabaseConnection {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Database;
  /**
   * Applies the agency's migrations (db/migrations/<agency>), tracked in its own schema. On
   * Postgres it then creates the agency's login role if need be and gives it exactly its
   * privileges (roles.ts), so the connection must be the owner's.
   */
  migrate(agency: Agency, options?: MigrateOptions): Promise<void>;
  close(): Promise<void>;
}

export interface MigrateOptions {
  /** Postgres only: becomes the password of the agency's role; without it the password is left as it is. */
  rolePassword?: string | undefined;
}

const migrationsRoot = path.resolve(import.meta.dirname, '../migrations');

function migrationConfig(agency: Agency) {
  return {
    migrationsFolder: path.join(migrationsRoot, agency),
    migrationsSchema: agency,
    migrationsTable: '__drizzle_migrations',
  };
}

export interface PostgresOptions {
  /** Pool size; each service process keeps its own pool. */
  maxConnections?: number;
  applicationName?: string;
}

/** Connects to a real Postgres server (15 or later) with a pg pool. */
export function connectPostgres(url: string, options: PostgresOptions = {}): DatabaseConnection {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'soilgraph',
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = drizzlePg({ client: pool, logger: statementCountingLogger }) as unknown as Database;
  return {
    kind: 'postgres',
    db,
    migrate: async (agency, options = {}) => {
      await migratePg(db as never, migrationConfig(agency));
      await applyAgencyRole(db, agency, options.rolePassword);
    },
    close: () => pool.end(),
  };
}

/**
 * Opens embedded PGlite (PostgreSQL 18 in WebAssembly). A data folder admits one process:
 * the embedded stack opens it once and shares the connection between its services.
 * Without a folder the database lives in memory.
 */
export async function openPglite(dataDir?: string): Promise<DatabaseConnection> {
  const client = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await client.waitReady;
  const db = drizzlePglite({ client, logger: statementCountingLogger }) as unknown as Database;
  return {
    kind: 'pglite',
    db,
    // One process, one user: PGlite has no roles, so there is no role to set up (roles.ts).
    migrate: (agency) => migratePglite(db as never, migrationConfig(agency)),
    close: () => client.close(),
  };
}

/** Round-trips one query: the readiness check of every service. */
export async function ping(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
