/**
 * parseGraph (JSON.parse and every check) on valid graphs of 1,000, 5,000 and 20,000 nodes:
 *   npx tsx bench/validate.ts
 * Prints the first parse (cold), then the median warm time per parse and per node for each size, JSON.parse
 * alone (the floor), and the checks alone (validateParsedGraph on a document parsed just before, untimed).
 * The last lines give the ratio of per-node times at 20,000 and 1,000 nodes: close to 1 when linear. The
 * checks' ratio is the one the validator controls; parseGraph's also holds JSON.parse and the garbage
 * collector moving a large young document. Not part of `npm run bench`; short on purpose (a few seconds).
 */
import { parseGraph } from '../shared/graph';
import { validateParsedGraph } from '../shared/graph/validate';
import { median } from './measure';
import { streamWorkflow } from './renderer-workflow';

const SIZES = [1_000, 5_000, 20_000] as const;
/** Warm time spent per size, in ms: enough samples for a stable median on a busy machine. */
const BUDGET_MS = 600;

interface Timing {
  nodes: number;
  edges: number;
  kilobytes: number;
  coldMs: number;
  parseMs: number;
  jsonOnlyMs: number;
  checksMs: number;
}

/** Median ms of `run` over repeated calls, after a few warm-up calls; `prepare` runs untimed before each. */
function timed<T>(run: (input: T) => void, prepare: () => T): number {
  for (let i = 0; i < 5; i++) run(prepare());
  const samples: number[] = [];
  const until = performance.now() + BUDGET_MS;
  while (samples.length < 5 || (performance.now() < until && samples.length < 500)) {
    const input = prepare();
    const start = performance.now();
    run(input);
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const nothing = (): undefined => undefined;

function measure(nodes: number): Timing {
  // One gather per 100 nodes under a sequence: every node but the last has exactly one outgoing edge.
  const graph = streamWorkflow(nodes, nodes / 100);
  const text = JSON.stringify(graph);
  const parse = (): void => {
    const result = parseGraph(text);
    if (!result.ok) throw new Error(`the bench graph is invalid: ${result.problems[0]?.message}`);
  };
  const start = performance.now();
  parse();
  const coldMs = performance.now() - start;
  return {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    kilobytes: text.length / 1024,
    coldMs,
    parseMs: timed(parse, nothing),
    jsonOnlyMs: timed(() => JSON.parse(text), nothing),
    checksMs: timed(
      (parsed: unknown) => {
        if (!validateParsedGraph(parsed).ok) throw new Error('the bench graph is invalid');
      },
      (): unknown => JSON.parse(text),
    ),
  };
}

const perNode = (ms: number, t: Timing): string => ((ms * 1000) / t.nodes).toFixed(2);

function main(): void {
  const timings = SIZES.map(measure);
  for (const t of timings) {
    console.log(
      `${String(t.nodes).padStart(6)} nodes, ${String(t.edges).padStart(6)} edges (${t.kilobytes.toFixed(0)} KB): ` +
        `first ${t.coldMs.toFixed(1)} ms, warm ${t.parseMs.toFixed(2)} ms per parse ` +
        `(JSON.parse alone ${t.jsonOnlyMs.toFixed(2)} ms, checks alone ${t.checksMs.toFixed(2)} ms), ` +
        `${perNode(t.parseMs, t)} µs per node (checks ${perNode(t.checksMs, t)})`,
    );
  }
  const small = timings[0] as Timing;
  const large = timings[timings.length - 1] as Timing;
  const ratio = (ms: (t: Timing) => number) =>
    (ms(large) / large.nodes / (ms(small) / small.nodes)).toFixed(2);
  console.log(
    `per-node time ${large.nodes} / ${small.nodes} nodes (1 = linear): parseGraph ${ratio((t) => t.parseMs)}, ` +
      `checks alone ${ratio((t) => t.checksMs)}, JSON.parse alone ${ratio((t) => t.jsonOnlyMs)}`,
  );
}

main();
