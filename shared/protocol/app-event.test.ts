import { describe, expect, it } from 'vitest';
import type { RunReport } from '../runtime/types';
import { toAppEvent, type HostEvent } from './messages';

describe('toAppEvent', () => {
  it('sends a run’s end without what its frames already carried: the events’ number and the non-null results', () => {
    const report: RunReport = {
      status: 'done',
      result: 1,
      error: null,
      nodes: { a: { state: 'done', result: 1, error: null, createdAt: 0, startedAt: 0, endedAt: 1 } },
      events: [
        { seq: 0, t: 0, node: 'a', state: 'pending' },
        { seq: 1, t: 1, node: 'a', state: 'done' },
      ],
    };
    expect(toAppEvent({ type: 'run.ended', runId: 'r', report })).toEqual({
      type: 'run.ended',
      runId: 'r',
      report: { status: 'done', result: 1, error: null, eventCount: 2, outcomes: { a: { result: 1 } } },
    });
    expect(report.events).toHaveLength(2); // the host's own report is left whole (the history keeps it)
  });

  it('passes every other event as it is', () => {
    const events: HostEvent[] = [
      { type: 'run.events', runId: 'r', states: [], holder: null, warnings: [], now: 0.5 },
      { type: 'menu.command', command: 'run.run' },
      { type: 'file.openRequested', path: '/x.flow.json' },
    ];
    for (const event of events) expect(toAppEvent(event)).toBe(event);
  });
});
