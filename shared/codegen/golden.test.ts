/**
 * Golden files: the exports of three representative examples, checked in so that a change to
 * the generated code shows up in review as a diff a person reads. Regenerate after an
 * intended change with `UPDATE_GOLDEN=1 npx vitest run shared/codegen/golden.test.ts`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraph } from '../graph';
import { exportWorkflow, type ExportLanguage } from './index';

const GOLDEN = ['seed-wait', 'timeout-wait-for', 'fan-out'];
const EXTENSION: Record<ExportLanguage, string> = { python: 'py', typescript: 'ts.txt' };

describe.each(['python', 'typescript'] as const)('golden %s exports', (language) => {
  it.each(GOLDEN)('%s', (name) => {
    const parsed = parseGraph(
      readFileSync(new URL(`../../examples/${name}.flow.json`, import.meta.url), 'utf8'),
    );
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
    const exported = exportWorkflow(parsed.graph, language);
    if (!exported.ok) throw new Error(exported.problems.join('; '));
    const file = new URL(`./golden/${name}.${EXTENSION[language]}`, import.meta.url);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, exported.code);
    expect(existsSync(file), `golden file ${file.pathname} is missing`).toBe(true);
    expect(exported.code).toBe(readFileSync(file, 'utf8'));
  });
});
