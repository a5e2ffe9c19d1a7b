import { describe, expect, it } from 'vitest';
import type { Graph } from '../shared/graph/types';
import { startSandboxedRun } from './sandboxed-run';
import { createWorkerSandbox } from './worker-sandbox';

const transformGraph = (code: string): Graph => ({
  format: 'flowloop.graph/2',
  nodes: [{ id: 'calc', kind: 'transform', params: { language: 'javascript', code } }],
  edges: [],
});

describe('startSandboxedRun', () => {
  it('runs JavaScript transforms in its own worker sandbox', async () => {
    const report = await startSandboxedRun(transformGraph('[typeof process, 6 * 7]'), { clock: 'virtual' })
      .report;
    expect(report).toMatchObject({ status: 'done', result: ['undefined', 42] });
  });

  it('honours a stop that comes while the workers are still starting', async () => {
    const run = startSandboxedRun(transformGraph('1'), { clock: 'virtual' });
    run.stop();
    expect(run.loopTime()).toBe(0);
    const report = await run.report;
    expect(report.status).toBe('cancelled');
    expect(report.nodes.calc!.state).toBe('idle');
  });

  it('leaves a sandbox the caller passed to the caller', async () => {
    const sandbox = await createWorkerSandbox();
    try {
      const report = await startSandboxedRun(transformGraph('input'), { clock: 'virtual', sandbox }).report;
      expect(report.status).toBe('done');
      expect(sandbox.runJavaScript('"still usable"', [])).toBe('still usable');
    } finally {
      sandbox.dispose();
    }
  });
});
