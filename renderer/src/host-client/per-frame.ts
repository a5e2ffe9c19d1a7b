/**
 * Hands items to `apply` once per animation frame, all that arrived since the last one, in arrival
 * order. The host sends run events in ~16 ms frames, but when the page is busy several messages wait
 * in its queue; applied one by one each would cost a full render before the next paint. If no
 * animation frame comes within FALLBACK_MS (a hidden page), a timer flushes instead.
 */
const FALLBACK_MS = 100;

export function perFrame<T>(apply: (items: T[]) => void): (item: T) => void {
  let queue: T[] = [];
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = null;
    timer = null;
    const items = queue;
    queue = [];
    apply(items);
  };
  return (item) => {
    queue.push(item);
    if (frame === null) frame = requestAnimationFrame(flush);
    if (timer === null) timer = setTimeout(flush, FALLBACK_MS);
  };
}
