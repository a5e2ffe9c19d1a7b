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
  /** utime + stime, in clock ticks. */
  ticks: number;
}

function readProcess(pid: number): ProcessTimes | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: the fields after it follow the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // gone, or not Linux
  }
}

/** Milliseconds of CPU used so far by `root` and its descendants; null where /proc cannot tell. */
export function processTreeCpuMs(root: number): number | null {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return null;
  }
  const processes = new Map<number, ProcessTimes>();
  for (const pid of pids) {
    const times = readProcess(pid);
    if (times) processes.set(pid, times);
  }
  if (!processes.has(root)) return null;
  const children = new Map<number, number[]>();
  for (const [pid, times] of processes) children.set(times.parent, [...(children.get(times.parent) ?? []), pid]);
  let ticks = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    ticks += processes.get(pid)?.ticks ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * CPU milliseconds so far of every thread under `root`, by "process type/thread name" (Chromium's
 * --type switch: browser, renderer, gpu-process, utility): where a run's CPU goes, for
 * FLOWLOOP_BENCH_CPU_THREADS=1.
 */
export function threadCpuMs(root: number): Map<string, number> {
  const byThread = new Map<string, number>();
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return byThread;
  }
  const parents = new Map<number, number>();
  for (const pid of pids) {
    const times = readProcess(pid);
    if (times) parents.set(pid, times.parent);
  }
  const inTree = (pid: number): boolean => {
    for (let at: number | undefined = pid; at !== undefined && at > 1; at = parents.get(at)) if (at === root) return true;
    return false;
  };
  for (const pid of pids) {
    if (!inTree(pid)) continue;
    let type = 'browser';
    try {
      type = /--type=([\w-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1] ?? 'browser';
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '#');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const key = `${type}/${name}`;
        byThread.set(key, (byThread.get(key) ?? 0) + ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
      }
    } catch {
      // the process or thread ended meanwhile
    }
  }
  return byThread;
}
