/**
 * A FIFO of (callback, argument) pairs in a growable ring buffer: the loop's ready queue.
 * Two parallel slots per entry instead of a closure or a Handle object per callback, because
 * the ready queue is the hottest path of the loop (every task step passes through it).
 */
export type Callback<A> = (arg: A) => void;

export class RingQueue {
  private fns: (Callback<never> | undefined)[];
  private args: unknown[];
  private head = 0;
  private size = 0;
  private mask: number;

  constructor(capacityPowerOfTwo = 1024) {
    this.fns = new Array(capacityPowerOfTwo);
    this.args = new Array(capacityPowerOfTwo);
    this.mask = capacityPowerOfTwo - 1;
  }

  get length(): number {
    return this.size;
  }

  push<A>(fn: Callback<A>, arg: A): void {
    if (this.size > this.mask) this.grow();
    const i = (this.head + this.size) & this.mask;
    this.fns[i] = fn as Callback<never>;
    this.args[i] = arg;
    this.size++;
  }

  /** Runs the entry at the head and removes it. The caller checks `length` first. */
  runHead(): void {
    const i = this.head;
    const fn = this.fns[i] as Callback<unknown>;
    const arg = this.args[i];
    this.fns[i] = undefined;
    this.args[i] = undefined;
    this.head = (i + 1) & this.mask;
    this.size--;
    fn(arg);
  }

  clear(): void {
    this.fns.fill(undefined);
    this.args.fill(undefined);
    this.head = 0;
    this.size = 0;
  }

  private grow(): void {
    const capacity = this.mask + 1;
    const fns = new Array<Callback<never> | undefined>(capacity * 2);
    const args = new Array<unknown>(capacity * 2);
    for (let k = 0; k < this.size; k++) {
      const i = (this.head + k) & this.mask;
      fns[k] = this.fns[i];
      args[k] = this.args[i];
    }
    this.fns = fns;
    this.args = args;
    this.head = 0;
    this.mask = capacity * 2 - 1;
  }
}
