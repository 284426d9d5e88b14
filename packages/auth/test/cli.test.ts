import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { authConfigFromEnv, authEnvSchema, createTokenVerifier } from '../src/index.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const cli = path.join(root, 'packages/auth/src/cli.ts');
const verify = createTokenVerifier(authConfigFromEnv(authEnvSchema.parse({})));

describe('pnpm token', () => {
  it('prints a development token for an agency with the scopes asked for', async () => {
    const { stdout } = await run(tsx, [cli, 'agriculture', 'write', '--subject', 'farm-office', '--expires', '10m'], { cwd: root });
    expect(await verify(`Bearer ${stdout.trim()}`)).toEqual({ kind: 'agency', agency: 'agriculture', subject: 'farm-office', scopes: new Set(['agriculture:write']) });
  });

  it('gives all three scopes of the agency by default', async () => {
    const { stdout } = await run(tsx, [cli, 'water'], { cwd: root });
    const caller = await verify(`Bearer ${stdout.trim()}`);
    expect(caller.kind === 'agency' && [...caller.scopes].sort()).toEqual(['water:audit', 'water:read', 'water:write']);
  });

  it('refuses an unknown agency or scope with usage and exit code 2', async () => {
    for (const args of [['finance'], ['water', 'admin'], []]) {
      const failure = await run(tsx, [cli, ...args], { cwd: root }).then(() => undefined, (e: { code: number; stderr: string }) => e);
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toMatch(/usage: pnpm token <agency>/);
    }
  });
});
