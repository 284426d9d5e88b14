import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe("the dashboard's generated operations", () => {
  it('src/generated.ts is what codegen makes of src/operations.graphql against the API schema (else run pnpm codegen)', async () => {
    const outputs = (await generate({ ...config, cwd: packageDir, silent: true }, false)) as { filename: string; content: string }[];
    expect(outputs).toHaveLength(1);
    expect(readFileSync(new URL('../src/generated.ts', import.meta.url), 'utf8')).toBe(outputs[0]!.content);
  });
});
