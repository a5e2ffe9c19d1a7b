/** What the e2e specs that drive the timeline share. */
import type { Locator } from '@playwright/test';

/** Page coordinates of loop time `t` on the timeline's axis band (from the canvas's data-plot-* attributes). */
export async function axisPoint(timeline: Locator, t: number): Promise<{ x: number; y: number }> {
  const box = await timeline.boundingBox();
  if (!box) throw new Error('the timeline canvas is not on screen');
  const read = async (name: string) => Number(await timeline.getAttribute(name));
  const left = await read('data-plot-left');
  const width = await read('data-plot-width');
  const duration = await read('data-duration');
  return { x: box.x + left + (t / duration) * width, y: box.y + 10 };
}
