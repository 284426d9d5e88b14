import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CodegenContext, type CodegenConfig, generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../src/index.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('generated resolver types', () => {
  it.each(SUBGRAPHS.map((s) => s.name))('of %s match its schema.graphql (run `pnpm codegen` when they do not)', async (name) => {
    const cwd = path.join(root, 'subgraphs', name);
    const { default: config } = (await import(path.join(cwd, 'codegen.ts'))) as { default: CodegenConfig & { schema: string } };
    const [target, plan] = Object.entries(config.generates)[0]!;
    const absolute = { ...config, silent: true, schema: path.join(cwd, config.schema), generates: { [path.join(cwd, target)]: plan } };
    const [output] = await generate(new CodegenContext({ config: absolute }), false);
    expect(output!.content).toBe(readFileSync(output!.filename, 'utf8'));
  });
});
