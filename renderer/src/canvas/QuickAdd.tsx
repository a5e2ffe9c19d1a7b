/** Quick add: a search box at the point of a double-click on empty canvas; Enter adds the first match. */
import { useState } from 'react';
import { NODE_KINDS, type NodeKind } from '../../../shared/graph';
import { KIND_DESCRIPTIONS } from '../store/kinds';
import { matchesKind } from './Palette';

export function QuickAdd({
  at,
  onPick,
  onClose,
}: {
  at: { x: number; y: number };
  onPick(kind: NodeKind): void;
  onClose(): void;
}) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const kinds = NODE_KINDS.filter((kind) => matchesKind(kind, query));
  const chosen = kinds[Math.min(active, kinds.length - 1)];
  return (
    <div className="quick-add" style={{ left: at.x, top: at.y }} role="dialog" aria-label="Quick add node">
      <input
        autoFocus
        type="search"
        aria-label="Node kind to add"
        aria-controls="quick-add-list"
        placeholder="Add a node…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onBlur={(event) => {
          if (!event.currentTarget.parentElement?.contains(event.relatedTarget)) onClose();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
          else if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, kinds.length - 1));
          else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
          else if (event.key === 'Enter' && chosen) onPick(chosen);
          else return;
          event.preventDefault();
        }}
      />
      <ul id="quick-add-list" role="listbox" aria-label="Matching kinds">
        {kinds.map((kind) => (
          <li key={kind} role="option" aria-selected={kind === chosen}>
            <button
              type="button"
              tabIndex={-1}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onPick(kind)}
            >
              <strong>{kind}</strong> <span>{KIND_DESCRIPTIONS[kind]}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
