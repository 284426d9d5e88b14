import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@soilgraph/server-kit';
import { parse } from 'graphql';

/** A supergraph file the gateway serves (SUPERGRAPH_PATH) and reads again every `pollIntervalMs` (SUPERGRAPH_POLL_INTERVAL_MS; 0: never). */
export interface SupergraphFile {
  path: string;
  pollIntervalMs: number;
}

/** Reads the supergraph file at start; throws a message naming the file at fault. */
export function readSupergraphFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`SUPERGRAPH_PATH: cannot read a supergraph from ${path}: ${(error as Error).message}`);
  }
}

/**
 * Resolves when `supergraphSdl` can be served; else rejects saying why: not GraphQL, not a
 * supergraph, or a supergraph that does not validate. The check loads the text in a throwaway
 * gateway, as the serving gateway's update would (a failed update could leave it half updated),
 * in a worker thread: it takes seconds of CPU, during which the gateway goes on answering.
 */
export async function checkSupergraph(supergraphSdl: string): Promise<void> {
  parse(supergraphSdl); // a corrupt or half-written file is refused at once, without a worker
  await new Promise<void>((resolve, reject) => {
    const worker = new Worker(new URL('./check-supergraph.worker.js', import.meta.url), {
      workerData: supergraphSdl,
      // Every ApolloGateway otherwise starts Apollo's usage telemetry, which probes cloud metadata
      // endpoints and reports to Apollo: nothing a throwaway check should do.
      env: { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true' },
    });
    worker.once('message', (problem: string | null) => (problem === null ? resolve() : reject(new Error(problem))));
    worker.once('error', reject);
    // Settles nothing if the worker answered: a promise settles once.
    worker.once('exit', (code) => reject(new Error(`the supergraph check stopped without an answer (exit code ${code})`)));
  });
}

/**
 * The gateway's supergraph, from a file that is polled for changes (polling works on every file
 * system and through the symlink swaps of mounted config maps, where fs.watch may not). A changed
 * file is checked first, then handed to the gateway: requests in flight finish on the supergraph
 * they started with, later ones are planned on the new one. A file that cannot be served (a
 * half-written or corrupt file, an invalid supergraph) is logged once, and the gateway keeps
 * serving the supergraph it has until the file changes again.
 */
export function supergraphFromFile({ path, pollIntervalMs }: SupergraphFile, initialSdl: string, logger: Logger): SupergraphSdlHook {
  return async ({ update }) => {
    if (pollIntervalMs === 0) return { supergraphSdl: initialSdl };
    // What the file held when last read (or why it could not be read): only a change is acted on.
    let lastSeen = initialSdl;
    let served = initialSdl;
    let polling = false;
    let stopped = false;
    const poll = async () => {
      if (polling || stopped) return; // a slow check is still running, or the gateway is stopping
      polling = true;
      try {
        let text: string;
        try {
          text = await readFile(path, 'utf8');
        } catch (error) {
          const reason = `unreadable: ${(error as Error).message}`;
          if (reason !== lastSeen) logger.error({ path, err: error }, 'cannot read the supergraph file: still serving the previous supergraph');
          lastSeen = reason;
          return;
        }
        if (text === lastSeen) return;
        lastSeen = text;
        if (text === served) return; // back to what is served, after a bad edit
        try {
          await checkSupergraph(text);
          if (stopped) return;
          update(text);
          served = text;
        } catch (error) {
          logger.error({ path, err: error }, 'the supergraph file changed but cannot be served: still serving the previous supergraph');
          return;
        }
        logger.info({ path }, 'supergraph reloaded');
      } finally {
        polling = false;
      }
    };
    const timer = setInterval(() => void poll(), pollIntervalMs);
    timer.unref();
    return {
      supergraphSdl: initialSdl,
      cleanup: async () => {
        stopped = true;
        clearInterval(timer);
      },
    };
  };
}
