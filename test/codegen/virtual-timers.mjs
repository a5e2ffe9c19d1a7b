/**
 * Test preload (`node --import ./test/codegen/virtual-timers.mjs program.js`): a
 * virtual clock for exported programs, so their sleeps cost no wall time and their times are
 * exact. It replaces setTimeout, clearTimeout and performance.now. Whenever the process has
 * nothing else to do (our setImmediate turn comes round, so every microtask has run), time jumps
 * to the earliest timer, which then fires: one timer per turn, by due time, then in the order
 * they were set, as Node fires real ones. The program itself knows nothing of this.
 *
 * Only for programs that do no I/O while timers are pending: a turn does not wait for sockets.
 */
const realSetImmediate = globalThis.setImmediate;
const pending = new Set();
let now = 0;
let order = 0;
let turnScheduled = false;

class VirtualTimeout {
  constructor(callback, delay, args) {
    this.callback = callback;
    this.args = args;
    this.at = now + delay;
    this.order = order++;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
  hasRef() {
    return true;
  }
}

function earliest() {
  let first;
  for (const timer of pending) {
    if (first === undefined || timer.at < first.at || (timer.at === first.at && timer.order < first.order))
      first = timer;
  }
  return first;
}

function turn() {
  turnScheduled = false;
  const timer = earliest();
  if (timer === undefined) return;
  pending.delete(timer);
  now = Math.max(now, timer.at);
  scheduleTurn();
  timer.callback(...timer.args);
}

function scheduleTurn() {
  if (turnScheduled || pending.size === 0) return;
  turnScheduled = true;
  realSetImmediate(turn);
}

globalThis.setTimeout = (callback, delay, ...args) => {
  const ms = Number(delay);
  const timer = new VirtualTimeout(callback, Number.isFinite(ms) && ms > 0 ? ms : 0, args);
  pending.add(timer);
  scheduleTurn();
  return timer;
};

globalThis.clearTimeout = (timer) => {
  pending.delete(timer);
};

Object.defineProperty(globalThis.performance, 'now', {
  value: () => now,
  configurable: true,
  writable: true,
});
