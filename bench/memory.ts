/**
 * Heap per finished task, in a process of its own started with `node --expose-gc --import tsx
 * bench/memory.ts '{"tasks": N}'`. Prints one JSON line.
 *
 * What is counted is what a finished gather leaves alive when someone still holds it, as the
 * workflow runtime does: every finished Task (each keeping its result) and the result list.
 * The heap is measured after a full GC before the loop is made and again inside the main
 * coroutine right after the gather returns, with the tasks and results still referenced.
 * The same is measured for raw promises (the Promise objects and the Promise.all result list).
 */
import { EventLoop, gather, type Coro, type Task } from '../shared/loop';

interface MemoryJob {
  tasks: number;
}

export interface MemoryOutput {
  tasks: number;
  engineBytesPerTask: number;
  promisesBytesPerTask: number;
  heapBeforeMB: number;
  engineHeapAfterMB: number;
}

function collect(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

// eslint-disable-next-line require-yield -- a trivial task: it finishes in its first step
function* trivial(i: number): Coro<number> {
  return i;
}

/** Kept alive until the measurement is read, so the optimiser cannot drop them. */
const keep: unknown[] = [];

function* engineMain(loop: EventLoop, n: number): Coro<number> {
  const tasks: Task<number>[] = new Array<Task<number>>(n);
  for (let i = 0; i < n; i++) tasks[i] = loop.createTask(trivial(i));
  const results = yield* gather(tasks);
  if (results.length !== n) throw new Error('wrong result count');
  const heap = collect();
  keep.push(tasks, results);
  return heap;
}

async function trivialAsync(i: number): Promise<number> {
  return i;
}

async function promisesHeap(n: number): Promise<number> {
  const promises: Promise<number>[] = new Array<Promise<number>>(n);
  for (let i = 0; i < n; i++) promises[i] = trivialAsync(i);
  const results = await Promise.all(promises);
  const heap = collect();
  keep.push(promises, results);
  return heap;
}

async function main(argv: readonly string[]): Promise<void> {
  const job = JSON.parse(argv[0] ?? '{}') as MemoryJob;
  const n = job.tasks;

  const before = collect();
  const loop = new EventLoop({ clock: 'real' });
  const engineAfter = await loop.run(engineMain(loop, n));
  keep.length = 0;

  const promisesBefore = collect();
  const promisesAfter = await promisesHeap(n);
  keep.length = 0;

  const output: MemoryOutput = {
    tasks: n,
    engineBytesPerTask: (engineAfter - before) / n,
    promisesBytesPerTask: (promisesAfter - promisesBefore) / n,
    heapBeforeMB: before / 2 ** 20,
    engineHeapAfterMB: engineAfter / 2 ** 20,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
