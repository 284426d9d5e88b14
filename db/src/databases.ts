import pg from 'pg';
import path from 'node:path';
import { type Agency, AGENCIES } from './agencies.ts';
import { connectPostgres, type Database, type DatabaseConnection, openPglite, type PostgresOptions, SERVICE_POOL_DEFAULTS } from './client.ts';
import { agencyRoleUrl, urlPassword } from './roles.ts';

// What a service needs to know about its database's health (db/src/index.ts exports this file).

/** Where the agencies keep their data. */
export type DatabaseTarget =
  /** Embedded PGlite in one folder, shared by every agency in this process; without a folder, in memory. */
  | { kind: 'pglite'; dataDir?: string }
  /**
   * Real Postgres. `urlFor` logs in as the owner, which runs an agency's migrations and sets up its
   * role (the URL may be the same for all agencies). Each agency's service logs in as its own role:
   * at `roleUrlFor` when that gives a URL, else at the owner's URL with the role as user, no password.
   */
  | { kind: 'postgres'; urlFor: (agency: Agency) => string; roleUrlFor?: (agency: Agency) => string | undefined };

/** How one agency reaches Postgres, from the environment. */
export interface AgencyPostgresUrls {
  /** DATABASE_URL: the owner's, with which the migrations run; undefined when only the role's URL is set. */
  ownerUrl: string | undefined;
  /** DATABASE_URL_<AGENCY>: the agency's role's, with which its service serves; else derived from DATABASE_URL. */
  roleUrl: string;
}

/** The Postgres URLs of one agency (see AgencyPostgresUrls), or undefined when neither is set. */
export function agencyPostgresUrls(agency: Agency, env: Record<string, string | undefined>): AgencyPostgresUrls | undefined {
  const ownerUrl = env.DATABASE_URL || undefined;
  const roleUrl = env[`DATABASE_URL_${agency.toUpperCase()}`] || (ownerUrl === undefined ? undefined : agencyRoleUrl(ownerUrl, agency));
  return roleUrl === undefined ? undefined : { ownerUrl, roleUrl };
}

/**
 * The target an environment names: Postgres when DATABASE_URL (the owner's URL) is set, each
 * agency's service logging in at DATABASE_URL_<AGENCY> when that is set; else PGlite in `dataDir`.
 * A role's URL without the owner's is an error: whoever uses a target migrates.
 */
export function databaseTargetFromEnv(env: Record<string, string | undefined>, dataDir: string): DatabaseTarget {
  const ownerUrl = env.DATABASE_URL || undefined;
  const roleUrlFor = (a: Agency) => env[`DATABASE_URL_${a.toUpperCase()}`] || undefined;
  if (ownerUrl !== undefined) return { kind: 'postgres', urlFor: () => ownerUrl, roleUrlFor };
  const roles = AGENCIES.filter((a) => roleUrlFor(a) !== undefined);
  if (roles.length === 0) return { kind: 'pglite', dataDir: path.resolve(dataDir) };
  throw new Error(
    `DATABASE_URL_${roles[0]!.toUpperCase()} is the URL of ${roles[0]}'s role; set DATABASE_URL as well, the owner's URL, with which the migrations run`,
  );
}

export interface AgencyDatabases {
  /** For messages: "Postgres (DATABASE_URL)" or "embedded PGlite in <folder>". */
  describe: string;
  /**
   * The owner's connection to an agency's data: migrations, demo data, command-line tools. On
   * Postgres its migrate also sets the agency's role's password to the one in the role's URL, if any.
   */
  connectionFor(agency: Agency): DatabaseConnection;
  /**
   * What an agency's service works with: on Postgres a pool logged in as the agency's own role
   * (roles.ts); on PGlite, which has one user and no roles, the shared connection.
   */
  serviceDbFor(agency: Agency): Database;
  closeAll(): Promise<void>;
}

/**
 * Opens every agency's connections: one shared PGlite (one process per folder), or on Postgres an
 * owner's pool and a role's pool per agency. The services' pools are bounded (`servicePool`, by
 * default SERVICE_POOL_DEFAULTS); the owners' pools, which migrate and seed, wait as long as it takes.
 */
export async function openAgencyDatabases(
  target: DatabaseTarget,
  applicationName = 'soilgraph',
  servicePool: Omit<PostgresOptions, 'applicationName'> = SERVICE_POOL_DEFAULTS,
): Promise<AgencyDatabases> {
  if (target.kind === 'pglite') {
    const shared = await openPglite(target.dataDir);
    return {
      describe: target.dataDir === undefined ? 'embedded PGlite in memory' : `embedded PGlite in ${target.dataDir}`,
      connectionFor: () => shared,
      serviceDbFor: () => shared.db,
      closeAll: () => shared.close(),
    };
  }
  const roleUrl = (a: Agency) => target.roleUrlFor?.(a) ?? agencyRoleUrl(target.urlFor(a), a);
  // pg pools connect on first use: the pools a command never uses cost nothing.
  const owners = new Map(
    AGENCIES.map((a) => {
      const connection = connectPostgres(target.urlFor(a), { applicationName: `${applicationName}-${a}-owner` });
      const migrate: DatabaseConnection['migrate'] = (agency, options) => connection.migrate(agency, { rolePassword: urlPassword(roleUrl(agency)), ...options });
      return [a, { ...connection, migrate }];
    }),
  );
  const services = new Map(AGENCIES.map((a) => [a, connectPostgres(roleUrl(a), { ...servicePool, applicationName: `${applicationName}-${a}` })]));
  return {
    describe: 'Postgres (DATABASE_URL)',
    connectionFor: (a) => owners.get(a)!,
    serviceDbFor: (a) => services.get(a)!.db,
    closeAll: async () => {
      await Promise.all([...owners.values(), ...services.values()].map((c) => c.close()));
    },
  };
}

/** Runs one statement on a Postgres server as its owner: creating and dropping databases (tests, benchmark). */
export async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The URL of another database on the same server. */
export function databaseUrlOn(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
