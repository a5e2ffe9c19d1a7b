/**
 * The command palette (Ctrl+K, Cmd+K on macOS): type to find a command or a node, arrows to move,
 * Enter to choose, Escape to close. A combobox over a listbox: the focus stays in the text field and
 * aria-activedescendant names the option that Enter would choose.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isCombinatorKind } from '../../../shared/graph';
import { useApp } from '../app/app-store';
import { useEditor } from '../store/use-editor';
import { availableCommands, formatKeys, isMac, shortcutsIn } from './commands';
import { paletteSections, type PaletteItem } from './palette-items';
import { closePalette, usePalette } from '../app/palette-store';
import { commandContext, goToNode, runPaletteCommand } from './run-command';
import './command-palette.css';

export function CommandPalette() {
  const open = usePalette((s) => s.open);
  const serial = usePalette((s) => s.serial);
  const initialQuery = usePalette((s) => s.initialQuery);
  if (!open) return null;
  return <PaletteBody key={serial} initialQuery={initialQuery} />;
}

/** `text` with the characters at `positions` marked. */
function Highlighted({ text, positions }: { text: string; positions: readonly number[] }) {
  if (positions.length === 0) return <>{text}</>;
  const marked = new Set(positions);
  const parts: ReactNode[] = [];
  let run = '';
  let runMarked = false;
  const flush = (at: number) => {
    if (run === '') return;
    parts.push(runMarked ? <mark key={at}>{run}</mark> : run);
    run = '';
  };
  [...text].forEach((char, i) => {
    const isMarked = marked.has(i);
    if (isMarked !== runMarked) {
      flush(i);
      runMarked = isMarked;
    }
    run += char;
  });
  flush(text.length);
  return <>{parts}</>;
}

function PaletteBody({ initialQuery }: { initialQuery: string }) {
  const [query, setQuery] = useState(initialQuery);
  const [active, setActive] = useState(0);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const shell = useApp((s) => s.info?.shell ?? 'browser');
  const nodes = useEditor((s) => s.graph?.nodes);
  // What the commands depend on, so that the list follows a run starting or an undo.
  const contextKey = useEditor(
    (s) =>
      `${s.graph !== null}${s.run.status}${s.past.length > 0}${s.future.length > 0}${s.selection.nodes.length + s.selection.edges.length > 0}`,
  );
  const mac = useMemo(() => isMac(), []);

  const sections = useMemo(
    () => paletteSections(query, availableCommands(commandContext()), nodes ?? []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- contextKey stands for commandContext()'s inputs
    [query, nodes, contextKey],
  );
  const items = useMemo(() => sections.flatMap((section) => section.items), [sections]);
  const chosen = Math.min(active, items.length - 1);
  const optionId = (i: number) => `${listId}-option-${i}`;

  // Focus comes back to where it was (the canvas, a field) when the palette closes without moving it.
  // Read while rendering, before the palette's field takes the focus.
  const [before] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  useEffect(() => {
    return () => {
      if (
        before?.isConnected &&
        (document.activeElement === document.body || document.activeElement === null)
      )
        before.focus();
    };
  }, [before]);

  useLayoutEffect(() => {
    if (chosen < 0) return;
    document.getElementById(optionId(chosen))?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- optionId depends on listId only
  }, [chosen, listId]);

  const choose = (item: PaletteItem | undefined) => {
    if (item === undefined) return;
    closePalette();
    // After the palette is gone, so that a dialog the command opens (Open…) gets the focus.
    queueMicrotask(() => {
      if (item.type === 'command') runPaletteCommand(item.command.id);
      else goToNode(item.node.id);
    });
  };

  const move = (to: number) => {
    if (items.length === 0) return;
    setActive(((to % items.length) + items.length) % items.length);
  };

  let index = -1;
  return (
    <div
      className="palette-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) closePalette();
      }}
    >
      <div
        className="command-palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        data-command-palette=""
        onKeyDown={(event) => {
          // The palette is modal: the page's shortcuts wait until it closes.
          event.stopPropagation();
          const mod = event.ctrlKey || event.metaKey;
          if (event.key === 'Escape' || (mod && event.key.toLowerCase() === 'k')) closePalette();
          else if (event.key === 'ArrowDown') move(chosen + 1);
          else if (event.key === 'ArrowUp') move(chosen - 1);
          else if (event.key === 'PageDown') move(Math.min(chosen + 8, items.length - 1));
          else if (event.key === 'PageUp') move(Math.max(chosen - 8, 0));
          else if (event.key === 'Enter') choose(items[chosen]);
          else if (event.key === 'Tab') input.current?.focus();
          else return;
          event.preventDefault();
        }}
      >
        <div className="palette-search">
          <svg className="palette-search-icon" viewBox="0 0 16 16" aria-hidden="true">
            <circle cx="7" cy="7" r="4.5" />
            <path d="M10.5 10.5 14 14" />
          </svg>
          <input
            ref={input}
            autoFocus
            type="text"
            role="combobox"
            aria-label="Command or node"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={chosen >= 0 ? optionId(chosen) : undefined}
            placeholder="Type a command, or a node's name, id or kind…"
            spellCheck={false}
            autoComplete="off"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
          />
        </div>
        <div className="palette-list" id={listId} role="listbox" aria-label="Commands and nodes" ref={list}>
          {sections.map((section) => (
            <div key={section.title} role="group" aria-labelledby={`${listId}-${section.title}`}>
              <div className="palette-section-title" id={`${listId}-${section.title}`} role="presentation">
                {section.title}
              </div>
              {section.items.map((item) => {
                index += 1;
                const i = index;
                return (
                  <div
                    key={item.key}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === chosen}
                    className="palette-option"
                    data-palette-item={item.key}
                    onMouseMove={() => {
                      if (i !== chosen) setActive(i);
                    }}
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => choose(item)}
                  >
                    {item.type === 'command' ? (
                      <CommandOption item={item} shell={shell} mac={mac} />
                    ) : (
                      <NodeOption item={item} />
                    )}
                  </div>
                );
              })}
              {section.more > 0 && (
                <div className="palette-more" role="presentation">
                  {section.more} more node{section.more === 1 ? '' : 's'}: type more of the name to narrow
                  them
                </div>
              )}
            </div>
          ))}
          {items.length === 0 && (
            <div className="palette-empty" role="presentation">
              Nothing matches “{query.trim()}”.
            </div>
          )}
        </div>
        <div className="palette-footer" aria-hidden="true">
          <span>
            <kbd>↑</kbd>
            <kbd>↓</kbd> move
          </span>
          <span>
            <kbd>Enter</kbd> choose
          </span>
          <span>
            <kbd>Esc</kbd> close
          </span>
          <span>
            <kbd>@</kbd> nodes only
          </span>
          <span>
            <kbd>&gt;</kbd> commands only
          </span>
        </div>
      </div>
    </div>
  );
}

function CommandOption({
  item,
  shell,
  mac,
}: {
  item: Extract<PaletteItem, { type: 'command' }>;
  shell: 'electron' | 'browser';
  mac: boolean;
}) {
  const keys = shortcutsIn(item.command, shell);
  return (
    <>
      <span className="palette-group">{item.command.group}</span>
      <span className="palette-title">
        <Highlighted text={item.command.title} positions={item.field === 0 ? item.match.positions : []} />
      </span>
      {keys.length > 0 && (
        <span
          className="palette-keys"
          aria-label={`shortcut ${keys.map((k) => formatKeys(k.keys, mac)).join(' or ')}`}
        >
          {keys.map((shortcut) => (
            <kbd key={shortcut.keys}>{formatKeys(shortcut.keys, mac)}</kbd>
          ))}
        </span>
      )}
    </>
  );
}

function NodeOption({ item }: { item: Extract<PaletteItem, { type: 'node' }> }) {
  const { node, match, field } = item;
  const label = node.label && node.label !== '' ? node.label : null;
  return (
    <>
      <span
        className={`palette-kind ${isCombinatorKind(node.kind) ? 'palette-kind-combinator' : 'palette-kind-coroutine'}`}
      >
        <Highlighted text={node.kind} positions={field === 2 ? match.positions : []} />
      </span>
      <span className="palette-title">
        {label !== null ? (
          <Highlighted text={label} positions={field === 0 ? match.positions : []} />
        ) : (
          <Highlighted text={node.id} positions={field === 1 ? match.positions : []} />
        )}
      </span>
      {label !== null && (
        <span className="palette-detail">
          <Highlighted text={node.id} positions={field === 1 ? match.positions : []} />
        </span>
      )}
    </>
  );
}
