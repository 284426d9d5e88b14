import { parseArgs } from 'node:util';
import { AGENCIES, type Agency } from '@soilgraph/db';
import { type Scope, SCOPE_ACTIONS, type ScopeAction } from './caller.ts';
import { authConfigFromEnv, authEnvSchema } from './config.ts';
import { mintToken } from './tokens.ts';

// `pnpm token <agency> [read] [write] [audit] [--subject name] [--expires 8h]`: prints a
// development token signed with AUTH_SECRET (the public development secret when unset).
const USAGE = `usage: pnpm token <agency> [${SCOPE_ACTIONS.join('] [')}] [--subject <name>] [--expires <span, e.g. 8h>]
  agency: ${AGENCIES.join(', ')}; scopes default to all three.`;

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: { subject: { type: 'string' }, expires: { type: 'string', default: '8h' } } });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const [agency, ...actions] = positionals;
if (!(AGENCIES as readonly string[]).includes(agency ?? '')) fail(agency === undefined ? 'name an agency' : `unknown agency ${agency}`);
const unknown = actions.filter((a) => !(SCOPE_ACTIONS as readonly string[]).includes(a));
if (unknown.length > 0) fail(`unknown scope ${unknown.join(', ')}`);

const env = authEnvSchema.safeParse(process.env);
if (!env.success) fail(env.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
try {
  const config = authConfigFromEnv(env.data);
  const scopes = (actions.length > 0 ? actions : SCOPE_ACTIONS).map((action) => `${agency}:${action as ScopeAction}` as Scope);
  const token = await mintToken(config, { agency: agency as Agency, subject: values.subject ?? `dev:${agency}`, scopes, expiresIn: values.expires });
  process.stdout.write(`${token}\n`);
} catch (error) {
  fail((error as Error).message);
}
