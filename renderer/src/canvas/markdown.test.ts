import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown';

describe('parseMarkdown: the sticky notes’ small markdown', () => {
  it('reads headings, paragraphs with their line breaks, and lists', () => {
    expect(parseMarkdown('# Title\nfirst line\nsecond\n\n- a\n- b\n1. one\n2) two')).toEqual([
      { type: 'heading', level: 1, children: [{ type: 'text', text: 'Title' }] },
      {
        type: 'paragraph',
        lines: [[{ type: 'text', text: 'first line' }], [{ type: 'text', text: 'second' }]],
      },
      { type: 'list', ordered: false, items: [[{ type: 'text', text: 'a' }], [{ type: 'text', text: 'b' }]] },
      {
        type: 'list',
        ordered: true,
        items: [[{ type: 'text', text: 'one' }], [{ type: 'text', text: 'two' }]],
      },
    ]);
  });

  it('reads bold, italic, code and links (as text with their address)', () => {
    expect(parseInline('**b** *i* _j_ `x*y` [docs](https://e.org)')).toEqual([
      { type: 'strong', children: [{ type: 'text', text: 'b' }] },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'i' }] },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'j' }] },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'x*y' },
      { type: 'text', text: ' ' },
      { type: 'link', href: 'https://e.org', children: [{ type: 'text', text: 'docs' }] },
    ]);
  });

  it('keeps what is not markdown as text: lone marks, arithmetic, raw HTML', () => {
    expect(parseInline('2 * 3 * 4')).toEqual([{ type: 'text', text: '2 * 3 * 4' }]);
    expect(parseInline('<img src=x onerror=alert(1)>')).toEqual([
      { type: 'text', text: '<img src=x onerror=alert(1)>' },
    ]);
    expect(parseInline('**unclosed')).toEqual([{ type: 'text', text: '**unclosed' }]);
  });

  it('stays flat on deep nesting', () => {
    const deep = '*'.repeat(2000) + 'x' + '*'.repeat(2000);
    expect(() => parseMarkdown(deep)).not.toThrow();
  });
});
