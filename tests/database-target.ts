import net from 'node:net';

/**
 * Vitest global setup for every project: decides where tests keep their data and passes
 * it on in TEST_DATABASE_URL. Set explicitly (CI), the URL must answer. Unset, the Postgres
 * server on 127.0.0.1:5432 is used when one answers, else embedded PGlite ("pglite").
 */
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 5432) });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

export async function setup(): Promise<void> {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured === 'pglite') return;
  if (configured) {
    if (!(await reachable(configured))) throw new Error(`TEST_DATABASE_URL ${configured} does not answer`);
    return;
  }
  if (await reachable(DEFAULT_URL)) {
    process.env.TEST_DATABASE_URL = DEFAULT_URL;
  } else {
    process.env.TEST_DATABASE_URL = 'pglite';
    console.warn(`No Postgres on ${DEFAULT_URL}: tests run on embedded PGlite.`);
  }
}
