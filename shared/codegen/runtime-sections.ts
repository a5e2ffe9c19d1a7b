/**
 * Cuts a runtime module's text (typescript-runtime.ts) into the sections an export copies, and
 * writes a section as one export needs it. The directives are comments, so the module stays
 * ordinary TypeScript that runs its fullest variant:
 *
 *   // #region NAME … // #endregion   a section; text outside every section is never copied
 *   // #if COND, // #elif COND, // #else, // #endif
 *                                     lines kept only in the branch whose COND holds (blocks nest)
 *   //| CODE                          a line of a branch the module does not run: kept as CODE,
 *                                     at the indentation the `//|` has (one space after it goes)
 *   // #edit COND: "FROM" -> "TO"     when COND holds, FROM (which must be in it once) becomes TO
 *                                     in the next line; FROM and TO are JSON strings
 *   // prettier-ignore                dropped: it is there for the module's formatting only
 *
 * COND is a flag or `!flag`, several joined by `&&`. A flag the caller does not give is an error,
 * as is any other `// #` comment, so a misspelt directive cannot slip into an export.
 */

export type Flags = Readonly<Record<string, boolean>>;

/** The sections of a runtime text, by name, in the order the text has them: each its lines. */
export function parseSections(text: string): Map<string, readonly string[]> {
  const sections = new Map<string, readonly string[]>();
  let open: { name: string; lines: string[]; line: number } | null = null;
  text.split(/\r?\n/).forEach((line, i) => {
    const region = /^\s*\/\/ #region (\S+)\s*$/.exec(line);
    if (region !== null) {
      if (open !== null) throw new Error(`line ${i + 1}: #region ${region[1]} inside #region ${open.name}`);
      const name = region[1] as string;
      if (sections.has(name)) throw new Error(`line ${i + 1}: a second #region ${name}`);
      open = { name, lines: [], line: i + 1 };
    } else if (/^\s*\/\/ #endregion\s*$/.test(line)) {
      if (open === null) throw new Error(`line ${i + 1}: #endregion without #region`);
      sections.set(open.name, open.lines);
      open = null;
    } else if (open !== null) {
      open.lines.push(line);
    }
  });
  if (open !== null) {
    const { name, line } = open;
    throw new Error(`line ${line}: #region ${name} is never closed`);
  }
  return sections;
}

type Directive =
  | { kind: 'if'; cond: string }
  | { kind: 'elif'; cond: string }
  | { kind: 'else' }
  | { kind: 'endif' }
  | { kind: 'ignore' }
  | { kind: 'edit'; cond: string; from: string; to: string };

const DISABLED = /^(\s*)\/\/\| ?/;

function directive(line: string): Directive | null {
  const trimmed = line.trim();
  if (trimmed === '// prettier-ignore') return { kind: 'ignore' };
  if (!trimmed.startsWith('// #')) return null;
  const body = trimmed.slice('// #'.length);
  const condition = /^(if|elif) (.+)$/.exec(body);
  if (condition !== null) return { kind: condition[1] as 'if' | 'elif', cond: condition[2] as string };
  if (body === 'else' || body === 'endif') return { kind: body };
  const edit = /^edit (.+?): ("(?:[^"\\]|\\.)*") -> ("(?:[^"\\]|\\.)*")$/.exec(body);
  if (edit !== null) {
    return {
      kind: 'edit',
      cond: edit[1] as string,
      from: JSON.parse(edit[2] as string) as string,
      to: JSON.parse(edit[3] as string) as string,
    };
  }
  throw new Error(`unknown directive: ${trimmed}`);
}

function holds(cond: string, flags: Flags): boolean {
  return cond.split('&&').every((term) => {
    const match = /^\s*(!?)\s*([A-Za-z_]\w*)\s*$/.exec(term);
    if (match === null) throw new Error(`cannot read the condition "${cond}"`);
    const value = flags[match[2] as string];
    if (value === undefined) throw new Error(`the condition "${cond}" names an unknown flag ${match[2]}`);
    return match[1] === '!' ? !value : value;
  });
}

interface Block {
  /** The lines of the enclosing block are kept. */
  outer: boolean;
  /** Some branch of this block has been taken. */
  taken: boolean;
  /** The current branch's lines are kept. */
  keep: boolean;
  seenElse: boolean;
}

/** A section's lines as the export holds them under `flags`, joined. `name` is for error messages. */
export function renderSection(name: string, lines: readonly string[], flags: Flags): string {
  const out: string[] = [];
  const blocks: Block[] = [];
  let edits: { from: string; to: string }[] = [];
  const keeping = (): boolean => blocks.length === 0 || (blocks.at(-1) as Block).keep;

  const step = (line: string): void => {
    const d = directive(line);
    if (d === null) {
      if (!keeping()) return;
      let text = line.replace(DISABLED, '$1');
      for (const { from, to } of edits) {
        const at = text.indexOf(from);
        if (at === -1 || text.indexOf(from, at + 1) !== -1)
          throw new Error(`#edit expects ${JSON.stringify(from)} once in: ${text.trim()}`);
        text = text.slice(0, at) + to + text.slice(at + from.length);
      }
      edits = [];
      out.push(text);
    } else if (d.kind === 'edit') {
      if (holds(d.cond, flags) && keeping()) edits.push({ from: d.from, to: d.to });
    } else if (d.kind !== 'ignore') {
      if (edits.length > 0) throw new Error('an #edit must stand right above the line it changes');
      if (d.kind === 'if') {
        const outer = keeping();
        const yes = holds(d.cond, flags);
        blocks.push({ outer, taken: yes, keep: outer && yes, seenElse: false });
        return;
      }
      const block = blocks.at(-1);
      if (block === undefined) throw new Error(`#${d.kind} without #if`);
      if (d.kind === 'endif') {
        blocks.pop();
        return;
      }
      if (block.seenElse) throw new Error(`#${d.kind} after #else`);
      const yes = (d.kind === 'else' || holds(d.cond, flags)) && !block.taken;
      block.taken ||= yes;
      block.keep = block.outer && yes;
      block.seenElse = d.kind === 'else';
    }
  };

  lines.forEach((line, i) => {
    try {
      step(line);
    } catch (error) {
      throw new Error(`runtime section ${name}, line ${i + 1}: ${(error as Error).message}`);
    }
  });
  if (edits.length > 0) throw new Error(`runtime section ${name}: an #edit at its end changes no line`);
  if (blocks.length > 0) throw new Error(`runtime section ${name}: an #if is never closed`);
  return out.join('\n');
}

/**
 * The section's lines as the module itself runs them: without directives and without the
 * `//|` lines of branches it does not run.
 */
export function liveText(lines: readonly string[]): string {
  return lines.filter((line) => directive(line) === null && !DISABLED.test(line)).join('\n');
}
