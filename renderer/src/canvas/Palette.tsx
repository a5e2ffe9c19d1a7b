/** The node palette: Coroutines and Combinators, searchable; drag onto the canvas, or press a button to add at the centre. */
import { useState } from 'react';
import type { NodeKind } from '../../../shared/graph';
import { KIND_DESCRIPTIONS, KIND_GROUPS } from '../store/kinds';

export const KIND_DRAG_TYPE = 'application/x-flowloop-kind';

export function matchesKind(kind: NodeKind, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || kind.includes(q) || KIND_DESCRIPTIONS[kind].toLowerCase().includes(q);
}

export function Palette({ onAdd }: { onAdd(kind: NodeKind): void }) {
  const [query, setQuery] = useState('');
  return (
    <aside className="palette" aria-label="Node palette">
      <input
        type="search"
        placeholder="Search nodes"
        aria-label="Search nodes"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {KIND_GROUPS.map((group) => {
        const kinds = group.kinds.filter((kind) => matchesKind(kind, query));
        if (kinds.length === 0) return null;
        return (
          <section key={group.title} aria-label={group.title}>
            <h2>{group.title}</h2>
            <ul>
              {kinds.map((kind) => (
                <li key={kind}>
                  <button
                    type="button"
                    className="palette-item"
                    draggable
                    onDragStart={(event) => {
                      event.dataTransfer.setData(KIND_DRAG_TYPE, kind);
                      event.dataTransfer.effectAllowed = 'copy';
                    }}
                    onClick={() => onAdd(kind)}
                    aria-label={`Add ${kind}: ${KIND_DESCRIPTIONS[kind]}`}
                    title={KIND_DESCRIPTIONS[kind]}
                  >
                    <span className="palette-kind">{kind}</span>
                    <span className="palette-desc">{KIND_DESCRIPTIONS[kind]}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}
