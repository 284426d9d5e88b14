import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { agencyScopes, authConfigFromEnv, authEnvSchema, mintToken } from '@soilgraph/auth';
import { type Agency, AGENCIES } from '@soilgraph/db';
import pg from 'pg';
import { parseSoakOptions, renderSoakReport, runSoak, SOAK_USAGE, soakVerdict } from './soak.ts';

// `pnpm soak`: issue 8's bounded soak test. See SOAK_USAGE in soak.ts.
const argv = process.argv.slice(2).filter((a) => a !== '--');
const options = parseSoakOptions(argv);
if (options === 'help') {
  process.stdout.write(SOAK_USAGE);
  process.exit(0);
}
if (options instanceof Error) {
  process.stderr.write(`pnpm soak: ${options.message}\n\n${SOAK_USAGE}`);
  process.exit(2);
}
const log = (line: string) => process.stdout.write(`${line}\n`);

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
  } finally {
    await client.end();
  }
}

// Fresh secrets: the services run in production mode, which refuses the public development ones.
const authEnv = { AUTH_SECRET: randomBytes(32).toString('base64url'), GATEWAY_SECRET: randomBytes(32).toString('base64url') };
const auth = authConfigFromEnv(authEnvSchema.parse({ ...authEnv, NODE_ENV: 'production' }));
const tokens = Object.fromEntries(
  await Promise.all(AGENCIES.map(async (agency) => [agency, await mintToken(auth, { agency, subject: 'soak', scopes: agencyScopes(agency), expiresIn: '12h' })] as const)),
) as Record<Agency, string>;

const loadAtStart = os.loadavg()[0]!;
const result = await runSoak({
  options,
  authEnv,
  tokens,
  // Quoted as a shell needs it, so that the line can be pasted back.
  command: ['pnpm soak', ...argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))].join(' '),
  machine: async () => {
    const cpus = os.cpus();
    return [
      `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, ${os.type()} ${os.release()}; load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end (the load generator, the services and Postgres share the machine)`,
      `Software: Node ${process.version}, PostgreSQL ${await postgresVersion(options.databaseUrl)} on the same machine`,
    ];
  },
  log,
});

mkdirSync(path.dirname(options.out), { recursive: true });
writeFileSync(options.out, renderSoakReport(result));
const verdict = soakVerdict(result);
log(`\nwrote ${path.relative(process.cwd(), options.out) || options.out}: ${verdict.ok ? 'passed' : 'FAILED'}`);
if (!verdict.ok) {
  process.stderr.write(`pnpm soak: ${verdict.problems.join('; ')}\n`);
  process.exit(1);
}
