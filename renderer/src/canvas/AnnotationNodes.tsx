/**
 * Sticky notes and group frames on the canvas, as xyflow nodes of their own types (annotation-layer.ts
 * makes them from the document). A note shows its markdown (MarkdownView) and turns into a text field
 * on double-click; it is moved and resized like a node. A frame is drawn behind its group's nodes;
 * its title bar is its handle (dragging it moves the nodes, annotation-layer.ts) and turns into a
 * field on double-click.
 */
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { NodeResizer, type Node, type NodeProps } from '@xyflow/react';
import { create } from 'zustand';
import type { Group, Note } from '../../../shared/graph';
import { editorStore } from '../store/use-editor';
import { MarkdownView } from './MarkdownView';
import './annotations.css';

export type NoteNodeType = Node<{ note: Note }, 'note'>;
export type FrameNodeType = Node<{ group: Group }, 'frame'>;

/** Which note or group title is being edited (`note:ID`, `frame:ID`), so a new one opens ready to type. */
export const useAnnotationEditing = create<{ editing: string | null }>(() => ({ editing: null }));
export const startEditing = (key: string | null) => useAnnotationEditing.setState({ editing: key });

/** Keys typed in a field stay there; Escape (and Enter for a title) finish the edit. */
function fieldKeys(event: KeyboardEvent, finish: () => void, enterFinishes: boolean): void {
  event.stopPropagation();
  if (event.key === 'Escape' || (enterFinishes && event.key === 'Enter')) {
    event.preventDefault();
    finish();
  }
}

function NoteView({ id, data, selected }: NodeProps<NoteNodeType>) {
  const { note } = data;
  const editing = useAnnotationEditing((s) => s.editing === id);
  const [draft, setDraft] = useState(note.text);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!editing) return;
    setDraft(note.text);
    const textarea = field.current;
    textarea?.focus();
    textarea?.setSelectionRange(textarea.value.length, textarea.value.length);
    // Only when editing starts: the draft is the person's from then on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing]);
  const finish = () => {
    if (useAnnotationEditing.getState().editing === id) startEditing(null);
    editorStore.getState().setNoteText(note.id, field.current?.value ?? draft);
  };
  return (
    <div
      className={`sticky-note${selected ? ' selected' : ''}${editing ? ' editing' : ''}`}
      data-note-id={note.id}
      data-color={note.color ?? 'yellow'}
      onDoubleClick={(event) => {
        event.stopPropagation();
        startEditing(id);
      }}
    >
      <NodeResizer
        isVisible={selected && !editing}
        minWidth={120}
        minHeight={64}
        lineClassName="sticky-note-resize-line"
        handleClassName="sticky-note-resize-handle"
      />
      {editing ? (
        <textarea
          ref={field}
          className="sticky-note-editor nodrag nowheel nopan"
          aria-label={`Text of note ${note.id} (markdown)`}
          value={draft}
          placeholder="Markdown: **bold**, *italic*, `code`, - lists"
          onChange={(event) => setDraft(event.target.value)}
          onBlur={finish}
          onKeyDown={(event) => fieldKeys(event, finish, false)}
        />
      ) : (
        <div className="sticky-note-body" data-testid="note-text">
          {note.text.trim() === '' ? (
            <span className="sticky-note-empty">Double-click to write a note</span>
          ) : (
            <MarkdownView text={note.text} />
          )}
        </div>
      )}
    </div>
  );
}

function FrameView({ id, data, selected }: NodeProps<FrameNodeType>) {
  const { group } = data;
  const editing = useAnnotationEditing((s) => s.editing === id);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing) field.current?.select();
  }, [editing]);
  const finish = () => {
    if (useAnnotationEditing.getState().editing === id) startEditing(null);
    const title = field.current?.value.trim();
    if (title !== undefined) editorStore.getState().setGroupTitle(group.id, title);
  };
  const title = group.title.trim() === '' ? 'Untitled group' : group.title;
  return (
    <div
      className={`group-frame${selected ? ' selected' : ''}`}
      data-group-id={group.id}
      data-color={group.color ?? 'gray'}
      data-group-nodes={group.nodes.join(' ')}
    >
      <div
        className="group-frame-title"
        title={`${title}: ${group.nodes.length} node${group.nodes.length === 1 ? '' : 's'}. Drag to move them; double-click to rename.`}
        onDoubleClick={(event) => {
          event.stopPropagation();
          startEditing(id);
        }}
      >
        {editing ? (
          <input
            ref={field}
            className="nodrag"
            aria-label={`Title of group ${group.id}`}
            defaultValue={group.title}
            onBlur={finish}
            onKeyDown={(event) => fieldKeys(event, finish, true)}
          />
        ) : (
          <span className="group-frame-name">{title}</span>
        )}
      </div>
    </div>
  );
}

export const annotationNodeTypes = { note: memo(NoteView), frame: memo(FrameView) };
