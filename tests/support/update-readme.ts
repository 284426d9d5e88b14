import { AGENCIES } from '@soilgraph/db';
import { startStack } from '@soilgraph/stack';
import { testAuthConfig } from '@soilgraph/testkit';
import { readmeExamples, runExample, writeReadmeOutputs } from './readme.ts';

// `pnpm docs:examples`: runs every ```graphql block of README.md against a fresh stack with
// the default demo data (in-memory PGlite) and writes each answer into the ```json block
// after it. The README test then holds the README to those answers.
const stack = await startStack({
  database: { kind: 'pglite' },
  host: '127.0.0.1',
  gatewayPort: 0,
  subgraphPorts: Object.fromEntries(AGENCIES.map((a) => [a, 0])) as Record<(typeof AGENCIES)[number], number>,
  demo: {},
  logLevel: 'warn',
  auth: testAuthConfig,
});
try {
  const outputs: string[] = [];
  for (const example of readmeExamples()) {
    const { body } = (await runExample(stack.gatewayUrl, example)) as { body: { errors?: unknown } };
    if (body.errors) console.error(`README line ${example.line}:`, JSON.stringify(body.errors, null, 2));
    outputs.push(`${JSON.stringify(body, null, 2)}\n`);
  }
  writeReadmeOutputs(outputs);
  console.log(`updated ${outputs.length} example outputs in README.md`);
} finally {
  await stack.stop();
}
