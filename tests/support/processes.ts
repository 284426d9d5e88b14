import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, TEST_AUTH_ENV } from '@soilgraph/testkit';

export { freePort };

export const root = path.resolve(import.meta.dirname, '../..');

/** The environment of this process without any DATABASE_URL*, as on a fresh machine. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DATABASE_URL')));
  // The tests' secrets, so that the tests' tokens (testkit's tokenFor) verify in the service.
  return { ...env, ...TEST_AUTH_ENV, ...extra };
}

export interface Service {
  child: ChildProcess;
  output(): string;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal to the process group (pnpm, tsx and node alike). */
  signal(name: NodeJS.Signals): void;
}

/** Runs a command from the repository root in a process group of its own. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Service {
  const child = spawn(command, args, { cwd: root, detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited, signal: (name) => process.kill(-child.pid!, name) };
}


/** Polls a /readyz URL until it answers 200, the service exits, or the time is up. */
export async function waitForHealth(url: string, service: Service, timeoutMs = 60_000): Promise<void> {
  let ended = false;
  void service.exited.then(() => (ended = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !ended) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become healthy:\n${service.output()}`);
}
