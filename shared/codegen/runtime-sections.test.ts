import { describe, expect, it } from 'vitest';
import { liveText, parseSections, renderSection } from './runtime-sections';

const render = (lines: string[], flags: Record<string, boolean>): string => renderSection('s', lines, flags);

describe('parseSections', () => {
  it('gives each region its lines, in file order, and nothing outside the regions', () => {
    const text = [
      'import x from "y";',
      '// #region first',
      'const a = 1;',
      '',
      'const b = 2;',
      '// #endregion',
      '',
      '  // #region second',
      'type T = 1;',
      '  // #endregion',
      'export { a };',
    ].join('\r\n');
    const sections = parseSections(text);
    expect([...sections.keys()]).toEqual(['first', 'second']);
    expect(sections.get('first')).toEqual(['const a = 1;', '', 'const b = 2;']);
    expect(sections.get('second')).toEqual(['type T = 1;']);
  });

  it('refuses nested, repeated, unclosed and unopened regions', () => {
    expect(() => parseSections('// #region a\n// #region b')).toThrow('line 2: #region b inside #region a');
    expect(() => parseSections('// #region a\n// #endregion\n// #region a\n// #endregion')).toThrow(
      'a second #region a',
    );
    expect(() => parseSections('// #region a\nx')).toThrow('#region a is never closed');
    expect(() => parseSections('// #endregion')).toThrow('#endregion without #region');
  });
});

describe('renderSection', () => {
  const lines = [
    'start',
    '  // #if a',
    '  only a',
    '  // #elif b && !c',
    '  //| b and not c',
    '  // #else',
    '  //|neither',
    '  // #endif',
    'end',
  ];

  it('keeps the branch whose condition holds, and uncomments its //| lines', () => {
    expect(render(lines, { a: true, b: true, c: false })).toBe('start\n  only a\nend');
    expect(render(lines, { a: false, b: true, c: false })).toBe('start\n  b and not c\nend');
    expect(render(lines, { a: false, b: true, c: true })).toBe('start\n  neither\nend');
  });

  it('nests blocks: an inner branch is kept only inside a kept outer one', () => {
    const nested = [
      '// #if a',
      '// #if b',
      'ab',
      '// #else',
      'a',
      '// #endif',
      '// #else',
      'none',
      '// #endif',
    ];
    expect(render(nested, { a: true, b: true })).toBe('ab');
    expect(render(nested, { a: true, b: false })).toBe('a');
    expect(render(nested, { a: false, b: true })).toBe('none');
  });

  it('edits the next line when the condition holds; edits stack in order', () => {
    const edited = [
      '// #edit !t: ", timeout" -> ""',
      '// #edit one: "(tasks" -> "(task"',
      'wait(tasks, timeout)',
      'unchanged(tasks, timeout)',
    ];
    expect(render(edited, { t: true, one: false })).toBe('wait(tasks, timeout)\nunchanged(tasks, timeout)');
    expect(render(edited, { t: false, one: true })).toBe('wait(task)\nunchanged(tasks, timeout)');
  });

  it('reads JSON strings in an edit, quotes and all', () => {
    expect(render(['// #edit x: "say \\"hi\\"" -> "\'bye\'"', 'say "hi"'], { x: true })).toBe("'bye'");
  });

  it('drops prettier-ignore comments', () => {
    expect(render(['// prettier-ignore', 'f();'], {})).toBe('f();');
  });

  it('fails on an unknown flag, an unknown directive, an edit that misses and unbalanced blocks', () => {
    expect(() => render(['// #if nope', '// #endif'], {})).toThrow('unknown flag nope');
    expect(() => render(['// #edit nope: "a" -> "b"', 'a'], {})).toThrow('unknown flag nope');
    expect(() => render(['// #fi a'], { a: true })).toThrow('line 1: unknown directive: // #fi a');
    expect(() => render(['// #edit a: "x" -> "y"', 'abc'], { a: true })).toThrow('#edit expects "x" once');
    expect(() => render(['// #edit a: "b" -> "y"', 'abba'], { a: true })).toThrow('#edit expects "b" once');
    expect(() => render(['// #edit a: "x" -> "y"', '// #if a', 'x', '// #endif'], { a: true })).toThrow(
      'right above the line',
    );
    expect(() => render(['// #if a', 'x'], { a: true })).toThrow('never closed');
    expect(() => render(['// #endif'], {})).toThrow('#endif without #if');
    expect(() => render(['// #if a', '// #else', '// #elif a', '// #endif'], { a: true })).toThrow(
      '#elif after #else',
    );
  });
});

describe('liveText', () => {
  it('is the section as the module runs it: no directives, no //| lines', () => {
    expect(
      liveText(['a', '// #if x', '  b', '// #else', '  //| c', '// #endif', '// prettier-ignore', 'd']),
    ).toBe('a\n  b\nd');
  });
});
