/** CodeMirror 6 for transform code: JavaScript highlighting, plain text for JMESPath. Reports the text on blur. */
import { useEffect, useRef } from 'react';
import { basicSetup, EditorView } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { javascript } from '@codemirror/lang-javascript';

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
  }, [language, label]);

  return <div className="code-editor" ref={host} />;
}
