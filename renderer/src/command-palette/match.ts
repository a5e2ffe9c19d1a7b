/**
 * The command palette's matching: a query matches a text when it appears in it whole, or when its
 * characters appear in it in order, each at a word start or right after the one before
 * (case-insensitive: "tog tim" finds "Toggle Timeline"); it scores by how a person reads it: a whole-text or prefix match first, then
 * matches at word starts ("sa" in "Save As"), then runs of adjacent characters, and shorter texts
 * before longer ones. Pure: no DOM, no store.
 */

export interface Match {
  /** Higher is better; only comparable between matches of one query. */
  score: number;
  /** Indexes in the text of the matched characters, ascending (for highlighting). */
  positions: number[];
}

/** Whether position `i` of `text` starts a word: the text's start, after a separator, or a lower-to-upper change (camelCase). */
function startsWord(text: string, i: number): boolean {
  if (i === 0) return true;
  const before = text[i - 1] ?? '';
  const here = text[i] ?? '';
  if (/[\s_\-./:…()[\],]/.test(before)) return true;
  return /[a-z0-9]/.test(before) && /[A-Z]/.test(here);
}

/**
 * How well `query` matches `text`, or null when it does not. Spaces in the query separate words
 * that must each match, in order ("save as" matches "Save As…"). An empty query matches everything
 * with score 0.
 */
export function fuzzyMatch(query: string, text: string): Match | null {
  const needle = query.trim().toLowerCase().replace(/\s+/g, ' ');
  if (needle === '') return { score: 0, positions: [] };
  const hay = text.toLowerCase();

  // A contiguous match (the whole query as one piece of the text) beats any scattered one.
  const at = contiguousAt(text, hay, needle);
  if (at !== -1) {
    const positions = [...needle].map((_, k) => at + k);
    let score = 1000 + needle.length * 10;
    if (at === 0) score += 400;
    if (needle.length === hay.length) score += 400;
    if (startsWord(text, at)) score += 200;
    return { score: score - text.length, positions };
  }

  // Otherwise each character in order, each one either right after the one before or at a word
  // start ("tt" is Toggle Timeline; "sa" is not Toggle snAp): letters picked from the middles of
  // words match too much to help.
  const chars = [...needle].filter((char) => char !== ' ');
  const positions = scattered(text, hay, chars, 0, -1);
  if (positions === null) return null;
  let score = 0;
  for (const [k, position] of positions.entries()) {
    if (startsWord(text, position)) score += 30;
    if (k > 0 && position === (positions[k - 1] ?? -2) + 1) score += 15;
  }
  if (positions[0] === 0) score += 20;
  // Gaps cost a little, so tighter matches win among equals.
  const first = positions[0] ?? 0;
  const last = positions.at(-1) ?? 0;
  score -= last - first + 1 - positions.length;
  return { score: score - text.length / 10, positions };
}

/**
 * Positions for `chars` in `hay` from `from` on, each right after the one before or at a word start;
 * null when there are none. `failed` remembers the (character, previous position) pairs that led
 * nowhere, so that no text makes the search slow.
 */
function scattered(
  text: string,
  hay: string,
  chars: readonly string[],
  from: number,
  previous: number,
  failed = new Set<string>(),
): number[] | null {
  const [char, ...rest] = chars;
  if (char === undefined) return [];
  const key = `${chars.length}:${previous}`;
  if (failed.has(key)) return null;
  for (let j = hay.indexOf(char, from); j !== -1; j = hay.indexOf(char, j + 1)) {
    if (j !== previous + 1 && !startsWord(text, j)) continue;
    const after = scattered(text, hay, rest, j + 1, j, failed);
    if (after !== null) return [j, ...after];
  }
  failed.add(key);
  return null;
}

/** Where `needle` first appears in `hay`, preferring an appearance at a word start. */
function contiguousAt(text: string, hay: string, needle: string): number {
  let first = -1;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) {
    if (startsWord(text, i)) return i;
    if (first === -1) first = i;
  }
  return first;
}

export interface Ranked<T> {
  item: T;
  match: Match;
  /** Which of the item's texts matched best (an index into what `texts` gave). */
  field: number;
}

/**
 * The items whose texts match `query`, best first; ties keep the items' order. `texts` gives each
 * item's searchable texts (e.g. a node's id, label and kind); the best-matching one counts, and
 * `weights` (default 0 each) adds to a field's score, to favour one field (a title over keywords).
 */
export function rank<T>(
  items: readonly T[],
  query: string,
  texts: (item: T) => readonly string[],
  weights: readonly number[] = [],
): Ranked<T>[] {
  const ranked: (Ranked<T> & { order: number })[] = [];
  items.forEach((item, order) => {
    let best: Ranked<T> | null = null;
    texts(item).forEach((text, field) => {
      const match = fuzzyMatch(query, text);
      if (match === null) return;
      const scored = { score: match.score + (weights[field] ?? 0), positions: match.positions };
      if (best === null || scored.score > best.match.score) best = { item, match: scored, field };
    });
    if (best !== null) ranked.push({ ...(best as Ranked<T>), order });
  });
  ranked.sort((a, b) => b.match.score - a.match.score || a.order - b.order);
  return ranked.map(({ item, match, field }) => ({ item, match, field }));
}
