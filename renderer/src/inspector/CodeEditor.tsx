/** CodeMirror 6 for transform code: JavaScript highlighting, plain text for JMESPath. Reports the text on blur. */
import { useEffect, useRef } from 'react';
import { basicSetup, EditorView } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { javascript } from '@codemirror/lang-javascript';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';

/** Token colours from CSS variables, so the light and dark themes both stay readable. */
export const themedHighlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.operatorKeyword, tags.controlKeyword], color: 'var(--code-keyword)' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'var(--code-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--code-number)' },
  {
    tag: [tags.comment, tags.lineComment, tags.blockComment],
    color: 'var(--code-comment)',
    fontStyle: 'italic',
  },
  { tag: [tags.function(tags.variableName), tags.propertyName], color: 'var(--code-name)' },
  { tag: tags.invalid, color: 'var(--error)' },
]);

export function CodeEditor({
  value,
  language,
  label,
  onCommit,
}: {
  value: string;
  language: 'javascript' | 'jmespath';
  label: string;
  onCommit(text: string): void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const commit = useRef(onCommit);
  commit.current = onCommit;

  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          syntaxHighlighting(themedHighlight),
          ...(language === 'javascript' ? [javascript()] : []),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.domEventHandlers({
            blur: (_event, editor) => {
              commit.current(editor.state.doc.toString());
            },
          }),
        ],
      }),
    });
    return () => {
      const text = view.state.doc.toString();
      view.destroy();
      if (text !== value) commit.current(text);
    };
    // Rebuilt only when the node or language changes; the text is owned by the editor meanwhile.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- value seeds the editor once
  }, [language, label]);

  return <div className="code-editor" ref={host} />;
}
