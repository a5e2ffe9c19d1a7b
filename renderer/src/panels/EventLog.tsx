/** Every state change of the current run, filterable by node and state; a row click selects its node. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { NODE_STATES } from '../../../shared/runtime/types';
import { editorStore, useEditor } from '../store/use-editor';
import { filterEvents, visibleRows, type StateFilter } from './event-filter';

const ROW_HEIGHT = 22;
const VIEW_HEIGHT = 220;

export function EventLog() {
  const selected = useEditor((s) => (s.selection.nodes.length === 1 ? s.selection.nodes[0] : undefined));
  const events = useEditor((s) => s.run.events);
  const [text, setText] = useState('');
  const [state, setState] = useState<StateFilter>('all');
  const [scrollTop, setScrollTop] = useState(0);
  const shown = useMemo(() => filterEvents(events, { text, state }), [events, text, state]);
  const { first, last } = visibleRows(shown.length, scrollTop, VIEW_HEIGHT, ROW_HEIGHT);
  const rowsBox = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  // While the list is scrolled to its end, new events keep it there (a live run reads like a tail -f).
  useEffect(() => {
    const box = rowsBox.current;
    if (box && following.current) box.scrollTop = box.scrollHeight;
  }, [shown.length]);

  return (
    <div className="event-log">
      <div className="event-log-filters">
        <label>
          Node{' '}
          <input
            type="search"
            value={text}
            placeholder="id contains…"
            onChange={(e) => setText(e.target.value)}
            aria-label="filter by node id"
          />
        </label>
        <label>
          State{' '}
          <select
            value={state}
            onChange={(e) => setState(e.target.value as StateFilter)}
            aria-label="filter by state"
          >
            <option value="all">all</option>
            {NODE_STATES.filter((s) => s !== 'idle').map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" aria-live="polite">
          {shown.length} of {events.length} events
        </span>
      </div>
      <div className="event-log-head" aria-hidden="true">
        <span>seq</span>
        <span>t (s)</span>
        <span>node</span>
        <span>state</span>
      </div>
      <div
        className="event-log-rows"
        role="list"
        aria-label="state events"
        style={{ height: VIEW_HEIGHT }}
        ref={rowsBox}
        onScroll={(e) => {
          const box = e.currentTarget;
          following.current = box.scrollTop + box.clientHeight >= box.scrollHeight - ROW_HEIGHT;
          setScrollTop(box.scrollTop);
        }}
      >
        <div style={{ height: shown.length * ROW_HEIGHT, position: 'relative' }}>
          {shown.slice(first, last).map((event, i) => (
            <button
              type="button"
              role="listitem"
              key={event.seq}
              className={`event-row state-${event.state}${event.node === selected ? ' selected' : ''}`}
              style={{ top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT }}
              data-event-node={event.node}
              data-event-state={event.state}
              onClick={() => editorStore.getState().setSelection({ nodes: [event.node], edges: [] })}
            >
              <span>{event.seq}</span>
              <span>{event.t.toFixed(3)}</span>
              <span>{event.node}</span>
              <span>{event.state}</span>
            </button>
          ))}
        </div>
      </div>
      {events.length === 0 && <p className="muted">No run yet: press Run to see its events here.</p>}
    </div>
  );
}
