/**
 * The loop's scheduled callbacks: a binary min-heap ordered by deadline, then by the order in
 * which they were set, so that timers due at the same instant fire in the order they were set
 * (asyncio gets the same from heapq plus TimerHandle comparing equal deadlines by insertion).
 */
export class TimerHandle {
  cancelled = false;
  /** True while the handle sits in the heap. */
  scheduled = true;

  constructor(
    readonly when: number,
    readonly seq: number,
    readonly fn: (arg: unknown) => void,
    readonly arg: unknown,
    private readonly onCancel: (handle: TimerHandle) => void,
  ) {}

  /** Cancels the callback; a no-op once it has run or was cancelled. */
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    if (this.scheduled) this.onCancel(this);
  }
}

function before(a: TimerHandle, b: TimerHandle): boolean {
  return a.when < b.when || (a.when === b.when && a.seq < b.seq);
}

export class TimerHeap {
  private items: TimerHandle[] = [];

  get length(): number {
    return this.items.length;
  }

  peek(): TimerHandle | undefined {
    return this.items[0];
  }

  push(handle: TimerHandle): void {
    const items = this.items;
    items.push(handle);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (!before(handle, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = handle;
  }

  pop(): TimerHandle | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const n = items.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(items[r]!, items[l]!) ? r : l;
      if (!before(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }

  /** Drops every cancelled handle and restores the heap order (asyncio does this when they pile up). */
  compact(): void {
    const live = this.items.filter((h) => {
      if (h.cancelled) h.scheduled = false;
      return !h.cancelled;
    });
    this.items = [];
    for (const h of live) this.push(h);
  }

  clear(): void {
    for (const h of this.items) h.scheduled = false;
    this.items = [];
  }
}
