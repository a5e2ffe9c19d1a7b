/** The bottom dock: run summary and state legend, toggle buttons, and the open panels (Code, Event log, History). */
import { CodeView } from './CodeView';
import { toggleDockPanel, useDock } from './dock-store';
import { EventLog } from './EventLog';
import { RunHistory } from './RunHistory';
import { RunSummary } from './RunSummary';
import './panels.css';

export function Dock() {
  const codeOpen = useDock((s) => s.code);
  const logOpen = useDock((s) => s.log);
  const historyOpen = useDock((s) => s.history);
  return (
    <div className="dock">
      <div className="dock-bar">
        <button type="button" aria-pressed={codeOpen} onClick={() => toggleDockPanel('code')}>
          Code
        </button>
        <button type="button" aria-pressed={logOpen} onClick={() => toggleDockPanel('log')}>
          Event log
        </button>
        <button
          type="button"
          aria-pressed={historyOpen}
          onClick={() => toggleDockPanel('history')}
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
