import path from 'node:path';
import { z } from 'zod';
import { type Agency, AGENCIES } from '../agencies.ts';
import { connectPostgres, type DatabaseConnection, openPglite } from '../client.ts';

const postgresUrl = z.url({ protocol: /^postgres(ql)?$/ });

/** Where the database commands work: DATABASE_URL[_<AGENCY>] for Postgres, else PGlite in DATA_DIR. */
const envSchema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  ...Object.fromEntries(AGENCIES.map((a) => [`DATABASE_URL_${a.toUpperCase()}`, postgresUrl.optional()])),
  DATA_DIR: z.string().min(1).default('.data'),
});

export interface CliDatabases {
  describe: string;
  connectionFor(agency: Agency): DatabaseConnection;
  closeAll(): Promise<void>;
}

export async function openCliDatabases(env: NodeJS.ProcessEnv = process.env): Promise<CliDatabases> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    process.stderr.write(`invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}\n`);
    process.exit(2);
  }
  const vars = parsed.data as Record<string, string | undefined>;
  const urlFor = (a: Agency) => vars[`DATABASE_URL_${a.toUpperCase()}`] ?? vars.DATABASE_URL;
  if (AGENCIES.some((a) => urlFor(a) !== undefined)) {
    const connections = new Map<Agency, DatabaseConnection>();
    for (const a of AGENCIES) {
      const url = urlFor(a);
      if (url === undefined) {
        process.stderr.write(`set DATABASE_URL, or DATABASE_URL_${a.toUpperCase()} as well\n`);
        process.exit(2);
      }
      connections.set(a, connectPostgres(url, { applicationName: 'soilgraph-db-cli', maxConnections: 2 }));
    }
    return {
      describe: 'Postgres (DATABASE_URL)',
      connectionFor: (a) => connections.get(a)!,
      closeAll: async () => {
        await Promise.all([...connections.values()].map((c) => c.close()));
      },
    };
  }
  const dataDir = path.resolve(vars.DATA_DIR!);
  const shared = await openPglite(dataDir);
  return { describe: `PGlite in ${dataDir} (stop \`pnpm start\` first: one process per folder)`, connectionFor: () => shared, closeAll: () => shared.close() };
}
