/**
 * The runtime an exported TypeScript workflow holds: the sections of typescript-runtime.ts its
 * nodes use, each written for the graph by its flags (runtime-sections.ts reads the directives).
 * The writer (typescript.ts) says which sections and flags; this module cuts the text.
 *
 * The runtime's text comes from typescript-runtime.generated.ts, a string constant generated from
 * the real module, because the exporter runs in the renderer (Vite), in the CLI (esbuild) and in
 * Vitest, and must not read files: a `?raw` import would work in Vite and Vitest only, and a file
 * read in none of the browser's. The constant is checked against the module by a unit test.
 */
import { parseSections, renderSection } from './runtime-sections';
import { TYPESCRIPT_RUNTIME } from './typescript-runtime.generated';

/** The runtime's sections, in the order the exported file holds them. */
export const RUNTIME_SECTIONS = [
  'Json',
  'NodeFunction',
  'CancelledError',
  'errorNamed',
  'Task',
  'demand',
  'need',
  'cancelUnfinished',
  'abortable',
  'callLater',
  'sleep',
  'gather',
  'gatherOutcomes',
  'wait',
  'waitFor',
  'race',
  'asCompleted',
  'shield',
  'asText',
  'lookup',
  'request',
  'jmespath',
  'transform',
  'truthy',
  'retrying',
  'readInputs',
] as const;

export type RuntimeSection = (typeof RUNTIME_SECTIONS)[number];

/** What a use of the runtime adds to the file besides its sections: a package, its import, a header note. */
export interface FilePart {
  package?: string;
  import?: string;
  /** Lines of the header comment, without the leading ` * `. */
  note?: readonly string[];
}

/** The uses that add to the file's header and imports, in the header's order. */
export const FILE_PARTS: Readonly<Record<string, FilePart>> = {
  jmespath: {
    package: '@jmespath-community/jmespath',
    import: "import { search } from '@jmespath-community/jmespath';",
    note: [
      "JMESPath runs on @jmespath-community/jmespath. Flowloop follows Python's jmespath, which",
      'differs in a few corners: slices of strings, comparing strings, functions Python lacks.',
    ],
  },
  javascript: {
    note: [
      'JavaScript transforms are their code as written, in functions typed `any`; unlike in',
      'Flowloop they are not sandboxed, and a callback inside one may need parameter types to',
      'satisfy noImplicitAny.',
    ],
  },
};

/** What the runtime's `#if` and `#edit` directives ask of the graph. */
export interface RuntimeFlags {
  /** Task has the `cancelled` getter (wait_for, and wait FIRST_EXCEPTION use it). */
  taskCancelled: boolean;
  /** The graph's waits (and races, FIRST_COMPLETED) use more than one return_when: wait takes it. */
  waitReturnWhen: boolean;
  /** Some wait node has a timeout. */
  waitTimeout: boolean;
  /** FIRST_COMPLETED is among the return_when modes wait serves. */
  waitFirstCompleted: boolean;
  /** FIRST_EXCEPTION is among them. */
  waitFirstException: boolean;
  /** The one mode wait serves, when it serves one. */
  waitOnlyAllCompleted: boolean;
  waitOnlyFirstCompleted: boolean;
  waitOnlyFirstException: boolean;
  /** Some fetch node has a timeout. */
  requestTimeout: boolean;
  /** Some fetch node sends a body with GET or HEAD, which WHATWG fetch refuses. */
  requestBodyWithGet: boolean;
}

let parsed: Map<string, readonly string[]> | null = null;

/** The runtime's sections, cut once. */
function sections(): Map<string, readonly string[]> {
  parsed ??= parseSections(TYPESCRIPT_RUNTIME);
  return parsed;
}

/** The texts of the sections `used` names, written for `flags`, in the file's order. */
export function runtimeHelpers(used: ReadonlySet<RuntimeSection>, flags: RuntimeFlags): string[] {
  const all = sections();
  return RUNTIME_SECTIONS.filter((name) => used.has(name)).map((name) => {
    const lines = all.get(name);
    if (lines === undefined) throw new Error(`typescript-runtime.ts has no section ${name}`);
    return renderSection(name, lines, { ...flags });
  });
}
