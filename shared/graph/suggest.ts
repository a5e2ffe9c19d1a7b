/** "did you mean …?" for misspelt kinds, params, fields and node ids. */

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/** The closest candidate (case-insensitive, at most a couple of edits away), or undefined. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length < 3 || word.length > 60) return undefined;
  const lower = word.toLowerCase();
  const limit = word.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let checked = 0;
  for (const candidate of candidates) {
    if (++checked > 2000) break;
    if (candidate === word) continue;
    const distance = editDistance(lower, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** "; did you mean 'seconds'?" (or " (did you mean 'seconds'?)" inside a sentence), or "". */
export function didYouMean(
  word: string,
  candidates: Iterable<string>,
  style: 'end' | 'inside' = 'end',
): string {
  const match = closest(word, candidates);
  if (match === undefined) return '';
  return style === 'end' ? `; did you mean '${match}'?` : ` (did you mean '${match}'?)`;
}
