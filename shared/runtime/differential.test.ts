/**
 * Differential tests: every scenario in testing/scenarios runs through our engine (virtual clock)
 * and through the same program on real CPython asyncio (testing/asyncio_oracle.py); the two
 * reports must agree on everything: status, result, error, each node's final state, result,
 * error and times, and the full list of state changes in order, with their loop times.
 *
 * A scenario may carry `x-differential`: { about, deadline?, expect?: { status, result } }.
 * `expect` pins the outcome a person reasoned out, so the two sides cannot agree on a wrong one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseGraph } from '../graph';
import type { Graph, JsonValue } from '../graph/types';
import { runWorkflow } from './run';
import { limitConcurrency, runOracle } from '../../test/oracle/oracle';
import type { RunReport, RunStatus } from './types';

interface ScenarioMeta {
  about: string;
  deadline?: number;
  expect?: { status: RunStatus; result: JsonValue };
}

interface Scenario {
  file: string;
  /** Null when the file is not a valid workflow (its test then fails with the problems). */
  graph: Graph | null;
  problems: string[];
  meta: ScenarioMeta;
}

const SCENARIO_DIR = fileURLToPath(new URL('../../test/oracle/scenarios/', import.meta.url));

function loadScenarios(): Scenario[] {
  return readdirSync(SCENARIO_DIR)
    .filter((name) => name.endsWith('.flow.json'))
    .sort()
    .map((file) => {
      const parsed = parseGraph(readFileSync(SCENARIO_DIR + file, 'utf8'));
      if (!parsed.ok)
        return { file, graph: null, problems: parsed.problems.map((p) => p.message), meta: { about: '' } };
      const meta = (parsed.graph['x-differential'] ?? { about: '' }) as unknown as ScenarioMeta;
      return { file, graph: parsed.graph, problems: [], meta };
    });
}

const scenarios = loadScenarios();

// CPython starts in a separate process: run two at a time (the machine has two cores), all
// started up front so they overlap with the engine runs.
const pool = limitConcurrency(2);
const oracleReports = new Map<string, Promise<RunReport>>();

function oracleReport(scenario: Scenario, graph: Graph): Promise<RunReport> {
  let report = oracleReports.get(scenario.file);
  if (report === undefined) {
    report = pool(() => runOracle(graph, { deadline: scenario.meta.deadline ?? null }));
    report.catch(() => undefined); // reported by the scenario's own test
    oracleReports.set(scenario.file, report);
  }
  return report;
}

/** One line per state change: what must match in order. */
function eventLines(report: RunReport): string[] {
  return report.events.map((e) => `t=${e.t} ${e.node} ${e.state}`);
}

function expectSameReport(engine: RunReport, oracle: RunReport): void {
  expect({ status: engine.status, result: engine.result, error: engine.error }, 'the run').toEqual({
    status: oracle.status,
    result: oracle.result,
    error: oracle.error,
  });
  expect(Object.keys(engine.nodes).sort(), 'node ids').toEqual(Object.keys(oracle.nodes).sort());
  for (const [id, node] of Object.entries(oracle.nodes)) {
    expect(engine.nodes[id], `node ${id}`).toEqual(node);
  }
  expect(eventLines(engine), 'events').toEqual(eventLines(oracle));
  expect(engine.retries, 'retries').toEqual(oracle.retries);
  expect(engine.events.map((e) => e.seq)).toEqual(engine.events.map((_, i) => i));
}

describe('differential: the engine against CPython asyncio', () => {
  beforeAll(() => {
    for (const scenario of scenarios)
      if (scenario.graph !== null) void oracleReport(scenario, scenario.graph);
  });

  it('has at least 30 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(30);
  });

  for (const scenario of scenarios) {
    it(`${scenario.file}: ${scenario.meta.about}`, async () => {
      expect(scenario.problems, 'problems in the workflow file').toEqual([]);
      const graph = scenario.graph as Graph;
      const engine = await runWorkflow(graph, { clock: 'virtual', deadline: scenario.meta.deadline ?? null });
      const oracle = await oracleReport(scenario, graph);
      expectSameReport(engine, oracle);
      const expected = scenario.meta.expect;
      if (expected !== undefined) {
        expect(
          { status: engine.status, result: engine.result },
          'the outcome reasoned out in the scenario',
        ).toEqual(expected);
      }
    });
  }
});
