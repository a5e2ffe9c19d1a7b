/** The bottom dock: run summary and state legend, toggle buttons, and the open panels (Code, Event log). */
import { useState } from 'react';
import { CodeView } from './CodeView';
import { EventLog } from './EventLog';
import { RunSummary } from './RunSummary';
import './panels.css';

export function Dock() {
  const [codeOpen, setCodeOpen] = useState(false);
  const [logOpen, setLogOpen] = useState(false);
  return (
    <div className="dock">
      <div className="dock-bar">
        <button type="button" aria-pressed={codeOpen} onClick={() => setCodeOpen(!codeOpen)}>Code</button>
        <button type="button" aria-pressed={logOpen} onClick={() => setLogOpen(!logOpen)}>Event log</button>
        <RunSummary />
      </div>
      {(codeOpen || logOpen) && (
        <div className="dock-panels">
          {codeOpen && (
            <section className="dock-panel dock-code" aria-label="Code">
              <CodeView />
            </section>
          )}
          {logOpen && (
            <section className="dock-panel dock-log" aria-label="Event log">
              <EventLog />
            </section>
          )}
        </div>
      )}
    </div>
  );
}
