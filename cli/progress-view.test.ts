import { describe, expect, it } from 'vitest';
import type { Graph } from '../shared/graph/types';
import { runWorkflow } from '../shared/runtime/run';
import { ProgressView, type Terminal } from './progress-view';

/** A terminal that keeps what is written to it. */
class CapturedTerminal implements Terminal {
  text = '';
  constructor(
    readonly isTTY: boolean,
    readonly columns = 100,
    readonly rows = 30,
  ) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

const graph: Graph = {
  format: 'flowloop.graph/2',
  name: 'demo',
  nodes: [
    {
      id: 'crunch',
      kind: 'transform',
      params: { code: 'const end = Date.now() + 120; while (Date.now() < end) {} return 1' },
    },
    { id: 'nap', kind: 'sleep', params: { seconds: 2 } },
    { id: 'both', kind: 'gather', params: {} },
  ],
  edges: [
    { source: 'crunch', target: 'both', input: 0 },
    { source: 'nap', target: 'both', input: 1 },
  ],
};

async function render(terminal: CapturedTerminal): Promise<string> {
  const view = new ProgressView(terminal, graph, { clock: 'virtual', colour: false });
  view.start();
  const report = await runWorkflow(graph, {
    clock: 'virtual',
    slowStepSeconds: 0.1,
    listener: {
      state: (e) => view.state(e),
      holder: (e) => view.holderChanged(e),
      slowStep: (w) => view.slowStep(w),
    },
  });
  view.finish(report);
  return terminal.text;
}

describe('the progress view', () => {
  it('on a terminal, redraws a table in place and ends with the outcome', async () => {
    const text = await render(new CapturedTerminal(true));
    expect(text).toContain('\x1b['); // cursor movement: redrawn in place
    const finalFrame = text.slice(text.lastIndexOf('flowloop demo'));
    expect(finalFrame).toMatch(/✔ crunch\s+transform\s+done/);
    expect(finalFrame).toMatch(/✔ nap\s+sleep\s+done\s+0\.000s → 2\.000s/);
    expect(finalFrame).toMatch(/⚠ loop blocked for 0\.\d s by crunch \(transform\) at t = 0\.000s/);
    expect(finalFrame).toContain('✔ done at t = 2.000s · result: [1,null]');
  });

  it('elsewhere, prints one line per state change and the slow-step warning', async () => {
    const text = await render(new CapturedTerminal(false));
    expect(text).not.toContain('\x1b[');
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        'flowloop run demo (clock: virtual)',
        '   0.000s  ◷ both pending',
        '   2.000s  ✔ nap done',
      ]),
    );
    expect(text).toMatch(/⚠ loop blocked for 0\.\d s by crunch \(transform\)/);
  });
});
