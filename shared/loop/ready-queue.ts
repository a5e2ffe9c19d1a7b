/**
 * A FIFO of (callback, argument) pairs: the loop's ready queue.
 *
 * Two slots per entry instead of a closure or a Handle object per callback, because the ready
 * queue is the hottest path of the loop (every task step passes through it); a task to run takes
 * a single slot (see Runnable). A pair never straddles two chunks. The entries live
 * in fixed-size chunks chained in a list, not in one growable ring: growing never copies, and a
 * fresh loop reaches 10^4 queued entries without the rarely run (so never optimised) copy loop.
 * Emptied chunks are kept on a free list (as a ring keeps its peak capacity), so a steady
 * queue allocates nothing.
 */
export type Callback<A> = (arg: A) => void;

/**
 * An entry that is an object run by its `_run()` method (a task to step or to wake): one slot
 * instead of two. Told apart from a callback by `typeof`.
 */
export interface Runnable {
  _run(): void;
}

const CHUNK_ENTRIES = 1024;
/** Index of the slot that links a chunk to the next one; entries fill the slots before it. */
const NEXT = CHUNK_ENTRIES * 2;

type Chunk = unknown[];

function newChunk(): Chunk {
  return new Array<unknown>(NEXT + 1);
}

export class ReadyQueue {
  private head: Chunk;
  private headIndex = 0;
  private tail: Chunk;
  private tailIndex = 0;
  private size = 0;
  /** Emptied chunks, linked through their NEXT slot. */
  private spare: Chunk | null = null;

  constructor() {
    this.head = this.tail = newChunk();
  }

  get length(): number {
    return this.size;
  }

  push<A>(fn: Callback<A>, arg: A): void {
    let chunk = this.tail;
    let i = this.tailIndex;
    if (i >= NEXT - 1) {
      // The last slot of a chunk, if free, stays empty: runHead skips it.
      chunk = this.nextChunk(chunk);
      i = 0;
    }
    chunk[i] = fn;
    chunk[i + 1] = arg;
    this.tailIndex = i + 2;
    this.size++;
  }

  pushRunnable(item: Runnable): void {
    let chunk = this.tail;
    let i = this.tailIndex;
    if (i === NEXT) {
      chunk = this.nextChunk(chunk);
      i = 0;
    }
    chunk[i] = item;
    this.tailIndex = i + 1;
    this.size++;
  }

  /** Runs the entry at the head and removes it. The caller checks `length` first. */
  runHead(): void {
    let chunk = this.head;
    let i = this.headIndex;
    let entry = i < NEXT ? chunk[i] : undefined;
    if (entry === undefined) {
      // End of this chunk (or its empty last slot): go on to the next and recycle this one.
      const next = chunk[NEXT] as Chunk;
      chunk[NEXT] = this.spare ?? undefined;
      this.spare = chunk;
      this.head = chunk = next;
      i = 0;
      entry = chunk[0];
    }
    chunk[i] = undefined;
    this.size--;
    if (typeof entry === 'function') {
      const arg = chunk[i + 1];
      chunk[i + 1] = undefined;
      this.headIndex = i + 2;
      (entry as Callback<unknown>)(arg);
    } else {
      this.headIndex = i + 1;
      (entry as Runnable)._run();
    }
  }

  /** Links a chunk (from the free list, or new) after the tail and makes it the tail. */
  private nextChunk(tail: Chunk): Chunk {
    let next = this.spare;
    if (next === null) next = newChunk();
    else {
      this.spare = (next[NEXT] as Chunk | undefined) ?? null;
      next[NEXT] = undefined;
    }
    tail[NEXT] = next;
    this.tail = next;
    return next;
  }

  clear(): void {
    this.head = this.tail = newChunk();
    this.headIndex = 0;
    this.tailIndex = 0;
    this.size = 0;
    this.spare = null;
  }
}
