import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { buildService } from '../bin/build.js';

// soilgraph-build (bin/build.js), what each service's `pnpm build` runs, on a small package of its
// own: inside server-kit, so that its registry imports resolve as a service's do.

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function packageWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(import.meta.dirname, '..', '.build-test-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('soilgraph-build', () => {
  it('bundles src/index.ts and the workspace code it imports into dist/index.js, which plain node runs: files beside the source and registry packages are found', async () => {
    const dir = packageWith({
      'src/index.ts': [
        "import { z } from 'zod';",
        "import { isPublicErrorCode } from '../../src/errors.ts';",
        "import { schema } from './graph/schema.ts';",
        "console.log(JSON.stringify({ schema, parsed: z.number().int().parse(3), workspace: isPublicErrorCode('BAD_USER_INPUT') }));",
      ].join('\n'),
      // Two folders down: bundled into dist/index.js, the same relative URL would miss the file.
      'src/graph/schema.ts': "import { readFileSync } from 'node:fs';\nexport const schema: string = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8').trim();\n",
      'schema.graphql': 'type Query { ok: Boolean }\n',
    });
    const outfile = await buildService(dir);
    expect(outfile).toBe(path.join(dir, 'dist', 'index.js'));
    const bundled = readFileSync(outfile, 'utf8');
    // Registry packages are imported from where pnpm installed them, not copied in.
    expect(bundled).toMatch(/from "(\.\.\/)+node_modules\/\.pnpm\/zod@[^"]*"/);
    const { stdout } = await promisify(execFile)(process.execPath, [outfile]);
    expect(JSON.parse(stdout)).toEqual({ schema: 'type Query { ok: Boolean }', parsed: 3, workspace: true });
  });

  it('refuses import.meta.dirname, which would name dist/ once bundled, and writes nothing', async () => {
    const dir = packageWith({ 'src/index.ts': "console.log(import.meta.dirname);\n" });
    await expect(buildService(dir)).rejects.toThrow(/import\.meta\.dirname names dist\/, not this file, once bundled/);
    expect(() => readFileSync(path.join(dir, 'dist', 'index.js'))).toThrow(/ENOENT/);
  });
});
