// Shares of a .cpuprofile (node --cpu-prof): samples whose stack holds a function of a given name (inclusive),
// and self time by package for a few packages, idle samples left out.
//   node --import tsx bench/profile-share.ts FILE.cpuprofile [FUNCTION ...]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
const [file, ...names] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file!, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const inclusive = new Map<string, number>(names.map((name) => [name, 0]));
const packages = new Map<string, number>();
let counted = 0;
for (const id of profile.samples) {
  const node = byId.get(id)!;
  if (node.callFrame.functionName === '(idle)') continue;
  counted++;
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = byId.get(at)!.callFrame.functionName;
    if (inclusive.has(name) && !seen.has(name)) {
      seen.add(name);
      inclusive.set(name, inclusive.get(name)! + 1);
    }
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(node.callFrame.url)?.[1] ?? (node.callFrame.url === '' ? node.callFrame.functionName : 'newsfold');
  packages.set(pkg, (packages.get(pkg) ?? 0) + 1);
}
const share = (count: number) => `${((100 * count) / counted).toFixed(1)}%`;
console.log(`${counted} samples (idle left out)`);
for (const [name, count] of inclusive) console.log(`inclusive ${name}: ${share(count)}`);
for (const [pkg, count] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`self ${pkg}: ${share(count)}`);
