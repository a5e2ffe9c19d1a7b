/** A note's markdown (markdown.ts) as React elements: text only, never HTML; links as their text. */
import { Fragment, type ReactNode } from 'react';
import { parseMarkdown, type Inline } from './markdown';

function inline(parts: readonly Inline[]): ReactNode[] {
  return parts.map((part, i) => {
    switch (part.type) {
      case 'text':
        return <Fragment key={i}>{part.text}</Fragment>;
      case 'code':
        return <code key={i}>{part.text}</code>;
      case 'strong':
        return <strong key={i}>{inline(part.children)}</strong>;
      case 'em':
        return <em key={i}>{inline(part.children)}</em>;
      case 'link':
        // Shown, not followed: a note is no place to navigate the app's window from.
        return (
          <span key={i} className="md-link" title={part.href}>
            {inline(part.children)}
          </span>
        );
    }
  });
}

export function MarkdownView({ text }: { text: string }) {
  return (
    <>
      {parseMarkdown(text).map((block, i) => {
        if (block.type === 'heading') {
          const Tag = (['h3', 'h4', 'h5'] as const)[block.level - 1] ?? 'h5';
          return <Tag key={i}>{inline(block.children)}</Tag>;
        }
        if (block.type === 'list') {
          const Tag = block.ordered ? 'ol' : 'ul';
          return (
            <Tag key={i}>
              {block.items.map((item, j) => (
                <li key={j}>{inline(item)}</li>
              ))}
            </Tag>
          );
        }
        return (
          <p key={i}>
            {block.lines.map((line, j) => (
              <Fragment key={j}>
                {j > 0 && <br />}
                {inline(line)}
              </Fragment>
            ))}
          </p>
        );
      })}
    </>
  );
}
