/** Autosaves the open document, debounced, while it has unsaved changes. */
import { documentText } from './actions';
import { getHost } from '../host-client/host';
import { editorStore } from '../store/use-editor';

const DELAY_MS = 1500;

export function installAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = editorStore.subscribe((state, previous) => {
    if (state.graph === previous.graph || !state.graph || !state.dirty) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const { graph, dirty, path, autosaveKey } = editorStore.getState();
      if (!graph || !dirty) return;
      getHost()
        .request({ type: 'autosave.write', key: autosaveKey, path, text: documentText(graph) })
        .catch(() => undefined);
    }, DELAY_MS);
  });
  return () => {
    if (timer) clearTimeout(timer);
    unsubscribe();
  };
}
