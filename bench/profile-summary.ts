import { readFileSync } from 'node:fs';

// Summarises a V8 .cpuprofile (node --cpu-prof): the functions with the most self time and
// the most inclusive time, so a benchmark miss can be traced to its cost.
// Usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top=25] [from s] [to s]
// `from`/`to` keep the samples of a window (seconds since the profile started), so a steady
// load can be read without the set-up and the checks around it.

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
  hitCount?: number;
}

export function summariseProfile(file: string, top = 25, window: { from: number; to: number } = { from: 0, to: Infinity }): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: Node[];
    samples: number[];
    timeDeltas: number[];
    startTime: number;
    endTime: number;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let t = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t >= window.from * 1e6 && t <= window.to * 1e6) self.set(id, (self.get(id) ?? 0) + delta);
  });
  const name = (n: Node) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '~/').replace(/^file:\/\/.*\/main\//, '')}:${n.callFrame.lineNumber + 1}`;
  const selfByName = new Map<string, number>();
  const inclusiveByName = new Map<string, number>();
  const walk = (id: number, onStack: Set<string>): number => {
    const n = byId.get(id)!;
    let total = self.get(id) ?? 0;
    const key = name(n);
    selfByName.set(key, (selfByName.get(key) ?? 0) + total);
    const fresh = !onStack.has(key);
    if (fresh) onStack.add(key);
    for (const c of n.children ?? []) total += walk(c, onStack);
    if (fresh) {
      onStack.delete(key);
      inclusiveByName.set(key, (inclusiveByName.get(key) ?? 0) + total);
    }
    return total;
  };
  const all = walk(profile.nodes[0]!.id, new Set());
  const idle = [...selfByName].filter(([k]) => k.startsWith('(idle)')).reduce((a, [, v]) => a + v, 0);
  const fmt = (entries: [string, number][]) =>
    entries
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${((v / (all - idle)) * 100).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`)
      .join('\n');
  return `busy ${((all - idle) / 1000).toFixed(0)} ms of ${(all / 1000).toFixed(0)} ms\n-- self --\n${fmt([...selfByName].filter(([k]) => !k.startsWith('(idle)')))}\n-- inclusive --\n${fmt([...inclusiveByName].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(root)')))}`;
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const [file, top = '25', from = '0', to = 'Infinity'] = process.argv.slice(2);
  console.log(summariseProfile(file!, Number(top), { from: Number(from), to: Number(to) }));
}
