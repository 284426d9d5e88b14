import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  /** Milliseconds on the CPU (idle excluded). */
  busyMs: number;
  /** Self time by package (a node_modules package, node's internals, our workspace code, GC). */
  byPackage: { name: string; ms: number }[];
  /** Self time by function. */
  byFunction: { name: string; where: string; ms: number }[];
}

/** Where a function's code lives: the package under node_modules, node itself, or our workspace. */
function packageOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const inModules = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  const workspace = /\/(gateway|packages\/[^/]+|subgraphs\/[^/]+|db|schema)\/src\//.exec(url);
  return workspace ? `workspace: ${workspace[1]}` : url;
}

function shortWhere(url: string, line: number): string {
  const trimmed = url.replace(/^file:\/\//, '').replace(/.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '');
  return url === '' ? '' : `${trimmed.replace(/^.*\/main\//, '')}:${line + 1}`;
}

/** The largest .cpuprofile in a folder (pnpm writes small ones of its own), summarised by self time. */
export function summariseProfile(folder: string): ProfileSummary | undefined {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(folder, f))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  if (files.length === 0) return undefined;
  const profile = JSON.parse(readFileSync(files[0]!, 'utf8')) as CpuProfile;
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, { name: string; where: string; ms: number }>();
  let busyUs = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (us === 0 || functionName === '(idle)') continue;
    busyUs += us;
    const pkg = packageOf(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us / 1000);
    const key = `${functionName}@${url}:${lineNumber}`;
    const entry = byFunction.get(key) ?? { name: functionName || '(anonymous)', where: shortWhere(url, lineNumber), ms: 0 };
    entry.ms += us / 1000;
    byFunction.set(key, entry);
  }
  return {
    file: files[0]!,
    busyMs: busyUs / 1000,
    byPackage: [...byPackage].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms),
    byFunction: [...byFunction.values()].sort((a, b) => b.ms - a.ms),
  };
}
