/** The last message (a refused connection, a save, an error), announced to screen readers. */
import { useEffect, useState } from 'react';
import { useEditor } from '../store/use-editor';

export function StatusLine() {
  const status = useEditor((s) => s.status);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!status) return;
    setVisible(true);
    const timer = setTimeout(() => setVisible(false), 6000);
    return () => clearTimeout(timer);
  }, [status]);
  return (
    <div
      className={`status-line ${status?.tone ?? 'info'}`}
      role={status?.tone === 'error' ? 'alert' : 'status'}
      aria-live="polite"
    >
      {visible && status ? status.text : ''}
    </div>
  );
}
