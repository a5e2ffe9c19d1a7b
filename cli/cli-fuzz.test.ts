/**
 * Thousands of mutated workflow files through the command's own code path (in-process, so it
 * stays fast): whatever the input, the CLI answers with a status of 0, 1 or 2 and messages,
 * never a crash or a stack trace.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { prng } from '../test/prng';
import { runCliInProcess } from '../test/cli-harness';

const sources = ['sleeps.flow.json', 'fails.flow.json', 'broken.flow.json'].map((f) =>
  fileURLToPath(new URL(`../test/fixtures/cli/${f}`, import.meta.url)),
);
const examples = ['race', 'shield', 'sequence-vs-gather', 'timeout-wait-for'].map((f) =>
  fileURLToPath(new URL(`../examples/${f}.flow.json`, import.meta.url)),
);

const ODD_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  -0.5,
  '',
  'x',
  '{0}',
  [],
  {},
  [1, 2],
  { a: 1 },
  'gather',
  'sleep',
  'wait_for',
  'ALL_COMPLETED',
  'ghost',
  '__proto__',
  1e-9,
  3,
];

function mutateValue(value: unknown, random: () => number, depth = 0): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  if (depth > 6 || random() < 0.15) return pick(ODD_VALUES);
  if (Array.isArray(value)) {
    const copy = value.map((v) => (random() < 0.3 ? mutateValue(v, random, depth + 1) : v));
    if (random() < 0.2) copy.splice(Math.floor(random() * (copy.length + 1)), 1);
    if (random() < 0.2 && copy.length > 0) copy.push(structuredClone(pick(copy)));
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const key of Object.keys(copy)) {
      const r = random();
      if (r < 0.1) delete copy[key];
      else if (r < 0.4) copy[key] = mutateValue(copy[key], random, depth + 1);
    }
    if (random() < 0.05)
      copy[pick(['seconds', 'timeout', 'kind', 'input', 'x-extra', 'constructor'])] = pick(ODD_VALUES);
    return copy;
  }
  return random() < 0.5 ? pick(ODD_VALUES) : value;
}

function mutateText(text: string, random: () => number): string {
  const r = random();
  if (r < 0.3) return text.slice(0, Math.floor(random() * text.length)); // truncated
  const chars = [...text];
  for (let i = 0; i < 1 + Math.floor(random() * 4); i++) {
    chars[Math.floor(random() * chars.length)] = String.fromCharCode(Math.floor(random() * 128));
  }
  return chars.join('');
}

describe('the CLI under fuzzing', () => {
  it('never crashes or prints a stack trace on thousands of mutated files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowloop-fuzz-'));
    const bases = await Promise.all([...sources, ...examples].map(async (f) => readFile(f, 'utf8')));
    const random = prng(20261127);
    const statuses = new Map<number, number>();
    const CASES = 2500;
    for (let i = 0; i < CASES; i++) {
      const base = bases[i % bases.length] as string;
      const text =
        random() < 0.25 ? mutateText(base, random) : JSON.stringify(mutateValue(JSON.parse(base), random));
      const file = join(dir, `case-${i % 8}.flow.json`);
      await writeFile(file, text);
      const argv =
        i % 3 === 0 ? ['run', file, '--clock', 'virtual', '--deadline', '20', '--json'] : ['validate', file];
      const { status, stdout, stderr } = await runCliInProcess(argv);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const context = `case ${i}: ${argv.join(' ')}\n${text.slice(0, 400)}`;
      expect([0, 1, 2], context).toContain(status);
      expect(stderr, context).not.toMatch(/\n\s+at |internal error/);
      if (argv[0] === 'run' && status !== 2) expect(() => JSON.parse(stdout), context).not.toThrow();
    }
    // The mutations reach every outcome, so the test is not passing on one kind of answer alone.
    expect(statuses.get(0) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(1) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(2) ?? 0).toBeGreaterThan(0);
  }, 240_000);
});
