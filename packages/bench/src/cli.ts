import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { loadGatewayConfig } from '@soilgraph/gateway/config';
import { freshRunSecrets, postgresVersion } from './run-setup.ts';
import { MIN_RESPONSES } from './load.ts';
import { GROWTH, parseOptions, repositoryRoot } from './options.ts';
import { renderReport, totalErrors } from './report.ts';
import { type RunContext, runBenchmark } from './run.ts';
import { gatewayNodeOptions } from './services.ts';

// `pnpm bench`: issue 7's benchmark. See USAGE in options.ts and docs/benchmarks.md.
const argv = process.argv.slice(2).filter((a) => a !== '--');
const options = parseOptions(argv);
const startedAt = Date.now();
const log = (line: string) => process.stdout.write(`${line}\n`);

/** The version of a package as `fromPackage` (a workspace folder) resolves it. */
function versionOf(name: string, fromPackage: string): string {
  let dir = path.dirname(createRequire(path.join(repositoryRoot, fromPackage, 'package.json')).resolve(name));
  while (!existsSync(path.join(dir, 'package.json')) || JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== name) {
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version as string;
}

const { authEnv, auth, tokens } = await freshRunSecrets('bench');
const context: RunContext = { options, auth, authEnv, tokens, log };

const loadAtStart = os.loadavg()[0]!;
const scales = [Math.max(1, Math.round(options.scale / GROWTH)), options.scale];
log(`pnpm bench: scales ${scales.join(' and ')} (${options.seeder} seeding), ${options.warmupS} s warm-up and ${options.durationS} s per operation and target, ${options.connections} connections`);
// The CPU profile is of the larger database's gateway: the one the targets are about.
const results = await runBenchmark(context, scales, options.profile ? options.scale : undefined);

const cpus = os.cpus();
const { responseCacheMb: cacheMb } = loadGatewayConfig(process.env);
const responseCache =
  cacheMb === 0
    ? 'Our gateway keeps no answers in this run (RESPONSE_CACHE_MB=0).'
    : `Our gateway runs with its response cache (gateway/src/response-cache.ts, RESPONSE_CACHE_MB=${cacheMb}), as deployed: it answers a query again from the answer it kept while no agency's data version has moved, identical requests in flight are computed once, and only operations whose query plan calls subgraphs more than once are kept, the others (one subgraph call) answered without it; so under the load below, which repeats each operation, most answers are kept ones, and the "first answer" column gives what computing one costs (RESPONSE_CACHE_MB=0 pnpm bench measures without it).`;
const report = renderReport(
  {
    // Quoted as a shell needs it, so that the line can be pasted back.
    command: ['pnpm bench', ...argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))].join(' '),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    quick: options.quick,
    partial: options.only !== undefined,
    minutes: (Date.now() - startedAt) / 60_000,
    machine: [
      `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, ${os.type()} ${os.release()}`,
      `Software: Node ${process.version}, PostgreSQL ${await postgresVersion(options.databaseUrl)} on the same machine, @apollo/gateway ${versionOf('@apollo/gateway', 'gateway')}, @graphql-hive/gateway ${versionOf('@graphql-hive/gateway', 'packages/bench')}, autocannon ${versionOf('autocannon', 'packages/bench')}`,
      `Noise: everything (load generator, gateways, subgraphs, Postgres) shares the ${cpus.length} cores, and other work may run beside it; load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end. Compare ratios taken in the same run rather than absolute figures across runs.`,
    ],
    method: [
      `Each database is fresh: migrated, seeded with the demo generator's rows (${options.seeder === 'bulk' ? 'sent with COPY' : 'through the demo seeder'}), then VACUUM ANALYZE.`,
      'Services as a deployment runs them: five subgraph processes and our gateway, each built as its image builds it (`pnpm --filter <package> build`: one JavaScript file, packages/server-kit/bin/build.js) and started with `pnpm --filter <package> start` (node dist/index.js) with DATABASE_URL, NODE_ENV=production, LOG_LEVEL=warn and fresh AUTH_SECRET / GATEWAY_SECRET; each subgraph serves as its agency\'s own Postgres role; the gateway with its default limits (README "Limits"). ' +
        `Hive Gateway runs as its own process (packages/bench/src/hive-gateway.ts, built the same way) on schema/supergraph.graphql and the same subgraph processes, with JWT verification, max depth and tokens, forwarding the Authorization header and adding our gateway signature; its sharing of identical in-flight subgraph calls is ${options.hiveDeduplicate ? 'on (its default; --hive-deduplicate)' : 'off (--hive-deduplicate turns it on)'}, and it keeps no answers. ${responseCache} One process each, no cluster workers; both gateways run node with the options of our gateway's start script (${gatewayNodeOptions().join(' ') || 'none'}: gateway/package.json, README "Configuration"). The services of both databases run at once and each operation is measured on the smaller and then the larger before the next, so that other load on the machine weighs on both alike.`,
      `Load: autocannon on loopback, ${options.connections} keep-alive connections, ${options.warmupS} s warm-up per operation and target, every target of an operation warmed up before any is measured (the subgraphs serve them all: measured right after its own warm-up, the first target paid for the subgraphs' warming), then ${options.durationS} s measured per target, one after the other, each after the services have gone idle; all after every body of the operation has been answered once through our gateway and Hive Gateway and the answers compared (so the load measures a service that has answered each question before; the "first answer" columns give the cold cost); an operation too slow to give ${MIN_RESPONSES} answers in that time is sent until it has ${MIN_RESPONSES}. An operation with several bodies cycles through them. Authenticated operations carry a token of their agency with all its scopes. Any non-200 answer or GraphQL error counts as an error.`,
      'SQL statements and the first answer: each operation sent through the whole stack in the benchmark\'s own process (packages/stack startStack on the same database, its gateway keeping no answers): the first request alone on the idle machine, timed ("first answer"; area results kept in the subgraphs by earlier operations of the mix may serve it), then a second one counted with sqlStatementCount() (db/src/statements.ts).',
      'Memory: VmRSS of each serving process (/proc/<pid>/status), sampled every 250 ms while the load ran; the largest reading.',
    ],
  },
  results,
);
mkdirSync(path.dirname(options.out), { recursive: true });
writeFileSync(options.out, report);
log(`\nwrote ${path.relative(process.cwd(), options.out) || options.out} in ${((Date.now() - startedAt) / 60_000).toFixed(1)} minutes`);
const errors = totalErrors(results);
if (errors > 0) {
  process.stderr.write(`pnpm bench: ${errors} errors or failures of our gateway or a subgraph; see the end of the report\n`);
  process.exit(1);
}
