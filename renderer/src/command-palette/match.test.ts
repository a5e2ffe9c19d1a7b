import { describe, expect, it } from 'vitest';
import { fuzzyMatch, rank } from './match';

describe('fuzzyMatch', () => {
  it('matches the characters in order, case-insensitive, and gives their positions', () => {
    expect(fuzzyMatch('tog tim', 'Toggle Timeline')?.positions).toEqual([0, 1, 2, 7, 8, 9]);
    expect(fuzzyMatch('sas', 'Save As…')?.positions).toEqual([0, 5, 6]);
    expect(fuzzyMatch('SAVE', 'save')?.positions).toEqual([0, 1, 2, 3]);
    expect(fuzzyMatch('xyz', 'Save As…')).toBeNull();
    expect(fuzzyMatch('as s', 'Save As…')).toBeNull(); // words in order
  });

  it('matches everything with an empty or blank query', () => {
    expect(fuzzyMatch('', 'Run')).toEqual({ score: 0, positions: [] });
    expect(fuzzyMatch('   ', 'Run')).toEqual({ score: 0, positions: [] });
  });

  it('takes scattered characters only at word starts or right after the one before', () => {
    expect(fuzzyMatch('sa', 'Toggle snap to grid')).toBeNull(); // the a is inside "snap"
    expect(fuzzyMatch('sa', 'Select all')?.positions).toEqual([0, 7]);
    expect(fuzzyMatch('sva', 'Save As…')).toBeNull();
    // However long and repetitive the text, the search stays quick.
    const started = performance.now();
    expect(fuzzyMatch('a a a a a a a a a a a a b', 'a '.repeat(200))).toBeNull();
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('prefers word starts when the characters are scattered', () => {
    expect(fuzzyMatch('sa', 'Save As')?.positions).toEqual([0, 1]); // contiguous wins first
    expect(fuzzyMatch('tt', 'Toggle Timeline')?.positions).toEqual([0, 7]);
    expect(fuzzyMatch('fn', 'fetchNext')?.positions).toEqual([0, 5]); // camelCase counts as a word start
  });

  it('ranks an exact match over a prefix, a prefix over a word start, a word start over the middle, and any of them over scattered letters', () => {
    const score = (q: string, t: string) => fuzzyMatch(q, t)?.score ?? -Infinity;
    expect(score('run', 'Run')).toBeGreaterThan(score('run', 'Run again'));
    expect(score('run', 'Run again')).toBeGreaterThan(score('run', 'Last run'));
    expect(score('run', 'Last run')).toBeGreaterThan(score('run', 'Prune'));
    expect(score('run', 'Prune')).toBeGreaterThan(score('run', 'Rerun later') - 1000); // both contiguous
    expect(score('tim', 'Toggle Timeline')).toBeGreaterThan(score('tim', 'Toggle It More'));
  });
});

describe('rank', () => {
  const items = ['Save', 'Save As…', 'Select all', 'Toggle snap to grid', 'Stop'];

  it('keeps the matching items, best first, ties in the given order', () => {
    expect(rank(items, 'sa', (s) => [s]).map((r) => r.item)).toEqual(['Save', 'Save As…', 'Select all']);
    expect(rank(items, '', (s) => [s]).map((r) => r.item)).toEqual(items);
  });

  it('takes the best of an item’s texts, with weights per text, and says which one matched', () => {
    const nodes = [
      { id: 'page_a', label: 'Fetch the first page', kind: 'fetch' },
      { id: 'fetch_b', label: 'Second', kind: 'sleep' },
    ];
    const ranked = rank(nodes, 'fet', (n) => [n.label, n.id, n.kind], [30, 30, 0]);
    expect(ranked.map((r) => [r.item.id, r.field])).toEqual([
      ['fetch_b', 1], // its id starts with the query and is the shorter text
      ['page_a', 0], // its label beats its kind by the label's weight
    ]);
    // A whole-text match wins over a weighted prefix: 'fetch' is page_a's kind exactly.
    expect(rank(nodes, 'fetch', (n) => [n.label, n.id, n.kind], [30, 30, 0])[0]).toMatchObject({
      item: { id: 'page_a' },
      field: 2,
    });
  });
});
