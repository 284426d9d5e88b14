import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

const migrationsRoot = fileURLToPath(new URL('../migrations', import.meta.url));

/** Where an agency's migrations are: db/migrations/<agency>, with drizzle-kit's journal and snapshots in meta/. */
export function migrationsFolder(agency: Agency): string {
  return path.join(migrationsRoot, agency);
}

function migrationConfig(agency: Agency) {
  return {
    migrationsFolder: migrationsFolder(agency),
    migrationsSchema: agency,
    migrationsTable: '__drizzle_migrations',
  };
}

export interface PostgresOptions {
  /** Pool size; each service process keeps its own pool. */
  maxConnections?: number;
  /**
   * How long a query may wait for a connection from the pool, or for a new connection to be
   * opened, before it fails (pg's connectionTimeoutMillis). Without it a query waits as long as
   * it takes: fine for migrations and tools, not for a service under load (SERVICE_POOL_DEFAULTS).
   */
  connectionWaitMs?: number;
  /** The server cancels any statement running longer than this (statement_timeout); none without it. */
  statementTimeoutMs?: number;
  applicationName?: string;
  /** Told when an idle connection breaks (the server restarted or went away); the pool drops it and opens another when needed. */
  onIdleError?: (error: Error) => void;
}

/**
 * The bounds of a service's pool when its configuration names none (DB_POOL_MAX, DB_POOL_WAIT_MS,
 * DB_STATEMENT_TIMEOUT_MS): a saturated pool refuses a query after the wait instead of queueing
 * it without end, and no statement holds a connection for longer than the timeout.
 */
export const SERVICE_POOL_DEFAULTS = {
  maxConnections: 10,
  connectionWaitMs: 5000,
  statementTimeoutMs: 30_000,
} as const satisfies PostgresOptions;

/** Connects to a real Postgres server (15 or later) with a pg pool. */
export function connectPostgres(url: string, options: PostgresOptions = {}): DatabaseConnection {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'soilgraph',
    ...(options.connectionWaitMs === undefined ? {} : { connectionTimeoutMillis: options.connectionWaitMs }),
    ...(options.statementTimeoutMs === undefined ? {} : { statement_timeout: options.statementTimeoutMs }),
  });
  // An idle client that loses its server must not crash the process (an 'error' event without a
  // listener would): the pool drops it, and the next query opens a new connection or reports why not.
  pool.on('error', (error) => options.onIdleError?.(error));
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

/** How a pg pool's connections are used right now. */
export interface PoolUsage {
  /** Connections open, busy or idle. */
  total: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
  /** The most connections the pool opens. */
  max: number;
}

/** The pool usage of a handle from connectPostgres; undefined for PGlite, which has no pool. */
export function poolUsage(db: Database): PoolUsage | undefined {
  // drizzle keeps the client it was given as $client.
  const client = (db as unknown as { $client?: unknown }).$client;
  if (!(client instanceof pg.Pool)) return undefined;
  return { total: client.totalCount, idle: client.idleCount, waiting: client.waitingCount, max: client.options.max };
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
