import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.ts';
import { apiSchemaFile, apiSchemaSdl, supergraphFile } from '../scripts/api-schema.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('the checked-in generated files', () => {
  it('schema.graphql is the API schema of schema/supergraph.graphql (else run pnpm codegen)', () => {
    expect(readFileSync(apiSchemaFile, 'utf8')).toBe(apiSchemaSdl(readFileSync(supergraphFile, 'utf8')));
  });

  it('src/generated/graphql.ts is what codegen makes of operations/*.graphql (else run pnpm codegen)', async () => {
    const outputs = (await generate({ ...config, cwd: packageDir, silent: true }, false)) as { filename: string; content: string }[];
    expect(outputs).toHaveLength(1);
    expect(readFileSync(new URL('../src/generated/graphql.ts', import.meta.url), 'utf8')).toBe(outputs[0]!.content);
  });
});
