/** A read-only CodeMirror view of generated code, with a range of lines marked (the selected node's function). */
import { useEffect, useRef } from 'react';
import { EditorView, Decoration, lineNumbers, type DecorationSet } from '@codemirror/view';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { themedHighlight } from '../inspector/CodeEditor';
import type { LineRange } from './node-lines';

/** Python's `async` is a modifier, not a keyword, to the grammar: colour it as the keyword it reads as. */
const modifierHighlight = HighlightStyle.define([{ tag: tags.modifier, color: 'var(--code-keyword)' }]);

const setMarked = StateEffect.define<LineRange | null>();
const markedLine = Decoration.line({ class: 'code-marked-line' });

const markedLines = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    let next = marks.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setMarked)) continue;
      const range = effect.value;
      if (!range) {
        next = Decoration.none;
        continue;
      }
      const doc = transaction.state.doc;
      const last = Math.min(range.to, doc.lines);
      const decorations = [];
      for (let n = Math.max(1, range.from); n <= last; n++)
        decorations.push(markedLine.range(doc.line(n).from));
      next = Decoration.set(decorations);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export function ReadOnlyCode({
  code,
  language,
  label,
  marked,
}: {
  code: string;
  language: 'python' | 'typescript';
  label: string;
  marked: LineRange | null;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const extensions: Extension[] = [
      lineNumbers(),
      EditorState.readOnly.of(true),
      EditorView.editable.of(false),
      syntaxHighlighting(themedHighlight),
      syntaxHighlighting(modifierHighlight),
      language === 'python' ? python() : javascript({ typescript: true }),
      markedLines,
      EditorView.contentAttributes.of({ 'aria-label': label, 'data-language': language }),
    ];
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({ doc: '', extensions }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, [language, label]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    if (editor.state.doc.toString() !== code) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: code } });
    }
    const effects: StateEffect<unknown>[] = [setMarked.of(marked)];
    if (marked && marked.from <= editor.state.doc.lines) {
      const line = editor.state.doc.line(marked.from);
      effects.push(EditorView.scrollIntoView(line.from, { y: 'start', yMargin: 24 }));
    }
    editor.dispatch({ effects });
  }, [code, marked, language, label]);

  return <div className="read-only-code" ref={host} />;
}
