/** The bottom dock: run summary and state legend, toggle buttons, and the open panels (Code, Event log, History). */
import { useState } from 'react';
import { CodeView } from './CodeView';
import { EventLog } from './EventLog';
import { RunHistory } from './RunHistory';
import { RunSummary } from './RunSummary';
import './panels.css';

export function Dock() {
  const [codeOpen, setCodeOpen] = useState(false);
  const [logOpen, setLogOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  return (
    <div className="dock">
      <div className="dock-bar">
        <button type="button" aria-pressed={codeOpen} onClick={() => setCodeOpen(!codeOpen)}>
          Code
        </button>
        <button type="button" aria-pressed={logOpen} onClick={() => setLogOpen(!logOpen)}>
          Event log
        </button>
        <button
          type="button"
          aria-pressed={historyOpen}
          onClick={() => setHistoryOpen(!historyOpen)}
          data-testid="dock-history"
        >
          History
        </button>
        <RunSummary />
      </div>
      {(codeOpen || logOpen || historyOpen) && (
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
          {historyOpen && (
            <section className="dock-panel dock-history" aria-label="Run history">
              <RunHistory />
            </section>
          )}
        </div>
      )}
    </div>
  );
}
