import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Agency } from '@soilgraph/db';
import { tokenFor } from '@soilgraph/testkit';

export const readmeFile = path.resolve(import.meta.dirname, '../../README.md');

export interface ReadmeExample {
  /** 1-based line of the ```graphql fence. */
  line: number;
  query: string;
  /** The agency whose token the example is sent with (a first line `# token: <agency>`); none means anonymous. */
  token: string | undefined;
  /** The ```json block right after it: the output the README promises. */
  output: { text: string; start: number; end: number } | undefined;
}

const FENCE = /```graphql\n([\s\S]*?)```(\s*```json\n([\s\S]*?)```)?/g;

/** Every ```graphql block of the README, with the ```json block that follows it, if any. */
export function readmeExamples(markdown = readFileSync(readmeFile, 'utf8')): ReadmeExample[] {
  return [...markdown.matchAll(FENCE)].map((m) => {
    const line = markdown.slice(0, m.index).split('\n').length;
    const json = m[3];
    const start = json === undefined ? -1 : m.index! + m[0].length - 3 - json.length;
    return {
      line,
      query: m[1]!,
      token: /^# token: (\w+)/.exec(m[1]!)?.[1],
      output: json === undefined ? undefined : { text: json, start, end: start + json.length },
    };
  });
}

/** Rewrites the README's ```json outputs with what the gateway answers now (`pnpm docs:examples`). */
export function writeReadmeOutputs(outputs: readonly (string | undefined)[]): void {
  let markdown = readFileSync(readmeFile, 'utf8');
  const examples = readmeExamples(markdown);
  for (let i = examples.length - 1; i >= 0; i--) {
    const output = examples[i]!.output;
    const fresh = outputs[i];
    if (output && fresh !== undefined) markdown = markdown.slice(0, output.start) + fresh + markdown.slice(output.end);
  }
  writeFileSync(readmeFile, markdown);
}

/** POSTs an example to a gateway with the token its `# token:` line names (none: anonymous). */
export async function runExample(gatewayUrl: string, example: ReadmeExample): Promise<{ status: number; body: any }> {
  const authorization: Record<string, string> = example.token === undefined ? {} : { authorization: `Bearer ${await tokenFor(example.token as Agency)}` };
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorization },
    body: JSON.stringify({ query: example.query }),
  });
  return { status: response.status, body: await response.json() };
}
