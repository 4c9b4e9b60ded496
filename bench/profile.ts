/**
 * CPU profiling for benchmarks: profiles this process for a while through node:inspector and
 * summarises where the time went (by package and by function, self and inclusive), so a
 * benchmark run says which calls dominate without opening DevTools. The raw `.cpuprofile` is
 * written too (open it in Chrome DevTools → Performance, or speedscope).
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The package or area a frame belongs to. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node (internals)';
  const at = url.search(/\/(bot|bench|tests)\//);
  return at >= 0 ? `ours: ${url.slice(at + 1).split('/').slice(0, 2).join('/')}` : url;
}

const shortUrl = (url: string): string => {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const at = url.search(/\/(bot|bench|tests)\//);
  return at >= 0 ? url.slice(at + 1) : url;
};

/** Self and inclusive milliseconds per area and per function. */
export function summarise(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const key = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
  const selfByFn = new Map<string, number>();
  const inclByFn = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of selfMs) {
    const node = byId.get(id);
    if (!node) continue;
    total += ms;
    const f = node.callFrame;
    selfByFn.set(key(f), (selfByFn.get(key(f)) ?? 0) + ms);
    selfByArea.set(areaOf(f.url, f.functionName), (selfByArea.get(areaOf(f.url, f.functionName)) ?? 0) + ms);
    // Inclusive: every distinct function on the stack gets the sample once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame) break;
      const k = key(frame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclByFn.set(k, (inclByFn.get(k) ?? 0) + ms);
    }
  }
  const wall = (profile.endTime - profile.startTime) / 1000;
  const pct = (ms: number) => `${((100 * ms) / wall).toFixed(1).padStart(5)}%`;
  const rows = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `    ${pct(ms)}  ${(ms / 1000).toFixed(1).padStart(7)} s  ${k}`)
      .join('\n');
  const busy = total - (selfByArea.get('(idle)') ?? 0);
  return [
    `  profiled ${(wall / 1000).toFixed(1)} s wall; busy ${(busy / 1000).toFixed(1)} s (${pct(busy).trim()} of one core; % below are of wall time)`,
    '  self time by area:',
    rows(selfByArea, 15),
    `  self time, top ${top} functions:`,
    rows(selfByFn, top),
    `  inclusive time, top ${top} functions (excluding (root)/(program)/(idle)):`,
    rows(new Map([...inclByFn].filter(([k]) => !/^\((root|program|idle|garbage collector)\)/.test(k))), top),
  ].join('\n');
}

/** Starts profiling; the returned function stops, writes `file` and returns the summary. */
export async function startCpuProfile(file: string): Promise<() => Promise<string>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    await writeFile(file, JSON.stringify(profile));
    return summarise(profile);
  };
}
