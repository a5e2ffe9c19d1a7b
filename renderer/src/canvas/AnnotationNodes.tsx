/**
 * Sticky notes and group frames on the canvas, as xyflow nodes of their own types (annotation-layer.ts
 * makes them from the document). A note shows its markdown (MarkdownView) and turns into a text field
 * on double-click; it is moved and resized like a node. A frame is drawn behind its group's nodes;
 * its title bar is its handle (dragging it moves the nodes, annotation-layer.ts) and turns into a
 * field on double-click.
 */
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { NodeResizer, NodeToolbar, Position, type Node, type NodeProps } from '@xyflow/react';
import { create } from 'zustand';
import { ANNOTATION_COLORS, type AnnotationColor, type Group, type Note } from '../../../shared/graph';
import { DEFAULT_COLOR } from '../store/annotations';
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

/** Over everything: a frame's own place is far below the pane, and the toolbar's would follow it. */
const TOOLBAR_STYLE = { zIndex: 3000 } as const;

/** The colour swatches over a selected note or group (xyflow's NodeToolbar shows them for it alone). */
function ColorPicker({ kind, id, color }: { kind: 'note' | 'group'; id: string; color: AnnotationColor }) {
  return (
    <NodeToolbar position={Position.Top} align="start" offset={6} style={TOOLBAR_STYLE}>
      <div className="annotation-colors" role="group" aria-label={`Colour of ${kind} ${id}`}>
        {ANNOTATION_COLORS.map((option) => (
          <button
            key={option}
            type="button"
            className="annotation-color"
            data-color={option}
            aria-label={option}
            aria-pressed={option === color}
            title={option}
            onClick={() => editorStore.getState().setAnnotationColor(kind, id, option)}
          />
        ))}
      </div>
    </NodeToolbar>
  );
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
      data-color={note.color ?? DEFAULT_COLOR.note}
      onDoubleClick={(event) => {
        event.stopPropagation();
        startEditing(id);
      }}
    >
      {!editing && <ColorPicker kind="note" id={note.id} color={note.color ?? DEFAULT_COLOR.note} />}
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
      data-color={group.color ?? DEFAULT_COLOR.group}
      data-group-nodes={group.nodes.join(' ')}
    >
      <ColorPicker kind="group" id={group.id} color={group.color ?? DEFAULT_COLOR.group} />
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
