import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Agency } from './agencies.ts';
import type { Database } from './client.ts';

/*
 * Least privilege on real Postgres (design.md, "Services and ownership"): each agency's service
 * logs in as a role of its own, which may read and write its own schema's data and nothing else.
 * The owner that runs the migrations (DATABASE_URL) creates the role and, after every migration,
 * sets its privileges to exactly these:
 *
 *   - USAGE on its own schema; no CREATE there, and nothing on any other agency's schema;
 *   - SELECT, INSERT, UPDATE, DELETE on its schema's tables, but only SELECT and INSERT on its
 *     audit log, only SELECT on its data version (versions.ts), and nothing on the migrations'
 *     bookkeeping (__drizzle_migrations);
 *   - USAGE and SELECT on its schema's sequences (nextval for bigserial keys; no setval);
 *   - it owns nothing, so it cannot ALTER, DROP or TRUNCATE a table, nor switch off the audit
 *     log's append-only triggers.
 *
 * The privileges are re-applied after every migration rather than left to ALTER DEFAULT
 * PRIVILEGES: default privileges only cover tables created later by the very role that set them
 * (a migration run by another admin would be missed), and they cannot know that a new table is
 * append-only. Re-applying converges on the model above whatever was granted by hand, in one
 * transaction, in a few milliseconds.
 *
 * PGlite (embedded, one process, one user) has no roles: there every service uses the one
 * connection, as before.
 */

/** The login role an agency's service connects as on real Postgres, e.g. soilgraph_water. */
export function agencyRole(agency: Agency): string {
  return `soilgraph_${agency}`;
}

/**
 * The owner's URL with the agency's role as the user instead: the same server and database, and
 * no password (for trust, peer or certificate authentication; a deployment with passwords sets
 * DATABASE_URL_<AGENCY> to the role's URL instead).
 */
export function agencyRoleUrl(ownerUrl: string, agency: Agency): string {
  const url = new URL(ownerUrl);
  url.username = agencyRole(agency);
  url.password = '';
  return url.toString();
}

/** The password in a postgres:// URL, if it has one. */
export function urlPassword(url: string): string | undefined {
  const password = new URL(url).password;
  return password === '' ? undefined : decodeURIComponent(password);
}

/**
 * A SCRAM-SHA-256 verifier of a password, as Postgres stores it: ALTER ROLE is given this rather
 * than the password, so the password never reaches the server's statement log. (Like node-pg,
 * which computes the client's proof, it uses the password's bytes as they are, without SASLprep.)
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16)): string {
  const iterations = 4096;
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const hmac = (text: string) => createHmac('sha256', salted).update(text).digest();
  const storedKey = createHash('sha256').update(hmac('Client Key')).digest('base64');
  const serverKey = hmac('Server Key').toString('base64');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey}:${serverKey}`;
}

/**
 * Creates the agency's role if it does not exist and gives it exactly the privileges above on
 * this database; with a password, also sets the role's password. Run by the owner after the
 * agency's migrations; idempotent.
 */
export async function applyAgencyRole(db: Database, agency: Agency, password?: string): Promise<void> {
  const role = sql.identifier(agencyRole(agency));
  const schema = sql.identifier(agency);
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    // Privileges are rows in this database's catalogs: two migrations of it at once (several
    // services starting together) would otherwise fail with "tuple concurrently updated".
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('soilgraph:roles'))`);
    // Creating a role takes CREATEROLE, so an owner without it may rely on roles made beforehand.
    // Roles belong to the whole server, and advisory locks to one database: another database on
    // this server may be creating the same role right now. Whoever loses that race sees
    // duplicate_object, or unique_violation from the catalog's index; either way the role exists.
    // (A DO block takes no parameters: the name, one of five constants, is written in.)
    await tx.execute(sql`do $$ begin
      if not exists (select from pg_roles where rolname = ${sql.raw(`'${agencyRole(agency)}'`)}) then create role ${role} login; end if;
    exception when duplicate_object or unique_violation then null;
    end $$`);
    // ALTER ROLE takes no parameters; a verifier is base64, digits, '$' and ':', safe between quotes.
    if (password !== undefined) await tx.execute(sql`alter role ${role} password ${sql.raw(`'${scramVerifier(password)}'`)}`);

    // A new schema grants PUBLIC nothing; this undoes any grant made by hand, so that no other
    // role (another agency's included) can reach the schema through PUBLIC.
    await tx.execute(sql`revoke all on schema ${schema} from public`);
    // Start from nothing, so that a privilege granted by hand does not outlive a migration.
    await tx.execute(sql`revoke all on schema ${schema} from ${role}`);
    await tx.execute(sql`revoke all on all tables in schema ${schema} from ${role}`);
    await tx.execute(sql`revoke all on all sequences in schema ${schema} from ${role}`);

    await tx.execute(sql`grant usage on schema ${schema} to ${role}`);
    await tx.execute(sql`grant select, insert, update, delete on all tables in schema ${schema} to ${role}`);
    await tx.execute(sql`grant usage, select on all sequences in schema ${schema} to ${role}`);
    // The audit log is append-only: its triggers refuse UPDATE, DELETE and TRUNCATE to anyone,
    // and the role may not even ask. The migrations' bookkeeping is the owner's alone.
    await tx.execute(sql`revoke update, delete on ${schema}.${sql.identifier('audit_log')} from ${role}`);
    // The data version (versions.ts) moves only by its triggers, which run as the owner: the role
    // reads it and cannot set it back.
    await tx.execute(sql`revoke insert, update, delete on ${schema}.${sql.identifier('data_version')} from ${role}`);
    await tx.execute(sql`revoke all on ${schema}.${sql.identifier('__drizzle_migrations')} from ${role}`);
  });
}
