// Checks one supergraph in a worker thread (supergraph-file.ts, checkSupergraph): loading a
// supergraph takes seconds of CPU, which would stall every request on the main thread. Plain
// JavaScript, as a worker thread runs without the TypeScript loader of its parent.
import { parentPort, workerData } from 'node:worker_threads';
import { ApolloGateway } from '@apollo/gateway';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
let problem = null;
try {
  // What the serving gateway's update does, with validation on whatever NODE_ENV says.
  const probe = new ApolloGateway({ supergraphSdl: workerData, validateSupergraph: true, logger: quiet });
  await probe.load();
  await probe.stop();
} catch (error) {
  problem = error instanceof Error ? error.message : String(error);
}
parentPort.postMessage(problem);
