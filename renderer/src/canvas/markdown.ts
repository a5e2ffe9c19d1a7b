/**
 * A tiny, safe markdown reader for sticky notes: headings (#, ##, ###), paragraphs (a line break
 * kept), lists (- or * bullets, 1. numbers), **bold**, *italic* or _italic_, `code`, and links
 * [text](url) shown as their text. It gives plain data (markdown-view.tsx turns it into React
 * elements), never HTML: raw HTML in a note is shown as the text it is.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; children: Inline[]; href: string };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; children: Inline[] }
  | { type: 'paragraph'; lines: Inline[][] }
  | { type: 'list'; ordered: boolean; items: Inline[][] };

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const HEADING = /^(#{1,3})\s+(.*?)\s*#*\s*$/;

export function parseMarkdown(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: Inline[][] | null = null;
  let list: { ordered: boolean; items: Inline[][] } | null = null;
  const close = () => {
    if (paragraph) blocks.push({ type: 'paragraph', lines: paragraph });
    if (list) blocks.push({ type: 'list', ...list });
    paragraph = null;
    list = null;
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      close();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      close();
      const level = (heading[1] as string).length as 1 | 2 | 3;
      blocks.push({ type: 'heading', level, children: parseInline(heading[2] as string) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const ordered = numbered !== null;
      if (!list || list.ordered !== ordered) {
        close();
        list = { ordered, items: [] };
      }
      list.items.push(parseInline(item[1] as string));
      continue;
    }
    if (list) {
      // A line right after an item continues it.
      const last = list.items[list.items.length - 1] as Inline[];
      last.push({ type: 'text', text: ' ' }, ...parseInline(line.trim()));
      continue;
    }
    paragraph ??= [];
    paragraph.push(parseInline(line.trim()));
  }
  close();
  return blocks;
}

/** The first of `marks` found in `text` from `from`, with its place. */
function nextMark(text: string, from: number): { at: number; mark: string } | null {
  let best: { at: number; mark: string } | null = null;
  for (const mark of ['`', '**', '__', '*', '_', '[']) {
    const at = text.indexOf(mark, from);
    if (at !== -1 && (best === null || at < best.at || (at === best.at && mark.length > best.mark.length)))
      best = { at, mark };
  }
  return best;
}

export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  const push = (piece: string) => {
    if (piece === '') return;
    const last = out[out.length - 1];
    if (last?.type === 'text') last.text += piece;
    else out.push({ type: 'text', text: piece });
  };
  let i = 0;
  while (i < text.length) {
    const found = nextMark(text, i);
    if (found === null || depth > 4) {
      push(text.slice(i));
      break;
    }
    push(text.slice(i, found.at));
    const start = found.at + found.mark.length;
    if (found.mark === '`') {
      const end = text.indexOf('`', start);
      if (end > start) {
        out.push({ type: 'code', text: text.slice(start, end) });
        i = end + 1;
        continue;
      }
    } else if (found.mark === '[') {
      const link = /^\[([^\]]+)\]\(([^)\s]*)\)/.exec(text.slice(found.at));
      if (link) {
        out.push({
          type: 'link',
          children: parseInline(link[1] as string, depth + 1),
          href: link[2] as string,
        });
        i = found.at + link[0].length;
        continue;
      }
    } else {
      const end = text.indexOf(found.mark, start);
      // Emphasis hugs its text: "**a**" is bold, "2 * 3 * 4" is not.
      if (end > start && !/\s/.test(text[start] as string) && !/\s/.test(text[end - 1] as string)) {
        const children = parseInline(text.slice(start, end), depth + 1);
        out.push(found.mark.length === 2 ? { type: 'strong', children } : { type: 'em', children });
        i = end + found.mark.length;
        continue;
      }
    }
    push(found.mark);
    i = start;
  }
  return out;
}
