/**
 * CPU time of a process and all its descendants, from Linux's /proc: for a browser, its main,
 * renderer, GPU and utility processes together. Frames per second on a shared 2-core machine move
 * by several frames between identical runs; the CPU time a run costs the browser moves much less,
 * and counts the compositor, raster and display work a page's main-thread metrics leave out.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Kernel clock ticks per second (USER_HZ): 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

interface ProcessTimes {
  parent: number;
  /** utime + stime, in milliseconds. */
  cpuMs: number;
}

/** A /proc/…/stat line's parent pid and CPU time. */
function parseStat(stat: string): ProcessTimes {
  // The command name (field 2) may hold spaces and parentheses: the fields after it follow the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    parent: Number(fields[1]),
    cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND,
  };
}

/** `root` and its descendants with their CPU times; empty where /proc cannot tell (not Linux, or `root` is gone). */
function processTree(root: number): Map<number, ProcessTimes> {
  const all = new Map<number, ProcessTimes>();
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return all;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      all.set(Number(name), parseStat(readFileSync(`/proc/${name}/stat`, 'utf8')));
    } catch {
      // ended meanwhile
    }
  }
  const tree = new Map<number, ProcessTimes>();
  if (!all.has(root)) return tree;
  const children = new Map<number, number[]>();
  for (const [pid, times] of all) children.set(times.parent, [...(children.get(times.parent) ?? []), pid]);
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    tree.set(pid, all.get(pid) as ProcessTimes);
    stack.push(...(children.get(pid) ?? []).filter((child) => all.has(child)));
  }
  return tree;
}

/** Milliseconds of CPU used so far by `root` and its descendants; null where /proc cannot tell (or no pid). */
export function processTreeCpuMs(root: number | undefined): number | null {
  if (root === undefined) return null;
  const tree = processTree(root);
  if (tree.size === 0) return null;
  let total = 0;
  for (const { cpuMs } of tree.values()) total += cpuMs;
  return total;
}

/** `total` plus what was spent between `before` and `after`; null once any of them could not be read. */
export function addSpent(total: number | null, before: number | null, after: number | null): number | null {
  return total === null || before === null || after === null ? null : total + after - before;
}

/**
 * CPU milliseconds so far of every thread under `root`, by "process type/thread name" (Chromium's
 * --type switch: browser, renderer, gpu-process, utility): where a run's CPU goes, for
 * FLOWLOOP_BENCH_CPU_THREADS=1.
 */
export function threadCpuMs(root: number | undefined): Map<string, number> {
  const byThread = new Map<string, number>();
  if (root === undefined) return byThread;
  for (const pid of processTree(root).keys()) {
    try {
      const type = /--type=([\w-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1] ?? 'browser';
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '#');
        const key = `${type}/${name}`;
        byThread.set(key, (byThread.get(key) ?? 0) + parseStat(stat).cpuMs);
      }
    } catch {
      // the process or thread ended meanwhile
    }
  }
  return byThread;
}
