/// <reference types="vite/client" />
/**
 * The renderer's imports go one way: no module imports itself back through others, and no folder of
 * renderer/src (its top-level files count as one folder, "(root)") imports one that imports it back.
 * Type-only imports count too. And model/ stays pure: it imports only model/ and shared/ (no React,
 * no DOM library, no store). Every source file is read as text through Vite's import.meta.glob, so the
 * check needs no Node API; `npx vitest run renderer/test/import-cycles.test.ts` runs it alone.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { importCycles, type ModuleImports } from './import-cycles';

const sources = import.meta.glob<string>(['../src/**/*.ts', '../src/**/*.tsx', './**/*.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** What a file imports, as written. */
const specifiers = (text: string): string[] =>
  ts.preProcessFile(text, true, true).importedFiles.map((imported) => imported.fileName);

/** Each file's relative imports of other source files, as paths like `src/canvas/Canvas.tsx`. */
function rendererImports(): ModuleImports {
  const files = new Set(
    Object.keys(sources).map((key) =>
      new URL(key, 'file:///renderer/test/').pathname.slice('/renderer/'.length),
    ),
  );
  const resolve = (from: string, specifier: string): string | null => {
    if (!specifier.startsWith('.')) return null;
    const base = new URL(specifier, `file:///${from}`).pathname.slice(1);
    return (
      [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((candidate) => files.has(candidate)) ??
      null
    );
  };
  const imports = new Map<string, string[]>();
  for (const [key, text] of Object.entries(sources)) {
    const file = new URL(key, 'file:///renderer/test/').pathname.slice('/renderer/'.length);
    const targets = specifiers(text).map((specifier) => resolve(file, specifier));
    imports.set(
      file,
      targets.filter((target): target is string => target !== null),
    );
  }
  return imports;
}

/** `src/canvas/Canvas.tsx` is in folder `canvas`; `src/App.tsx` in `(root)`; `test/x.ts` in `test`. */
function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'src') return parts[0] ?? file;
  return parts.length > 2 ? (parts[1] as string) : '(root)';
}

describe('renderer imports', () => {
  const imports = rendererImports();

  it('reads the sources', () => {
    expect(imports.size).toBeGreaterThan(50);
    expect(imports.get('src/App.tsx')).toContain('src/canvas/Canvas.tsx');
  });

  it('finds the cycles there are, with the imports that make them', () => {
    const toy = new Map([
      ['src/a/x.ts', ['src/b/y.ts']],
      ['src/b/y.ts', ['src/b/z.ts']],
      ['src/b/z.ts', ['src/a/w.ts']],
      ['src/a/w.ts', []],
      ['src/App.tsx', ['src/a/x.ts']],
    ]);
    expect(importCycles(toy, (file) => file)).toEqual([]);
    expect(importCycles(toy, folderOf)).toEqual([
      { groups: ['a', 'b'], imports: ['src/a/x.ts -> src/b/y.ts', 'src/b/z.ts -> src/a/w.ts'] },
    ]);
  });

  it('have no cycle between modules', () => {
    expect(importCycles(imports, (file) => file)).toEqual([]);
  });

  it('have no cycle between folders', () => {
    expect(importCycles(imports, folderOf)).toEqual([]);
  });

  it('keep model/ pure: only model/ and shared/, and vitest in its tests', () => {
    const model = Object.entries(sources).filter(([key]) => key.startsWith('../src/model/'));
    expect(model.length).toBeGreaterThan(0);
    const outside = model.flatMap(([key, text]) =>
      specifiers(text)
        .filter((specifier) => !(specifier.startsWith('./') || /^(\.\.\/)+shared\//.test(specifier)))
        .filter((specifier) => !(key.endsWith('.test.ts') && specifier === 'vitest'))
        .map((specifier) => `${key} imports ${specifier}`),
    );
    expect(outside).toEqual([]);
  });
});
