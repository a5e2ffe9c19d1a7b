/** The app's store instance and its React hook. */
import { useStore } from 'zustand';
import { createEditorStore, type EditorStore } from './editor-store';

export const editorStore = createEditorStore();

export function useEditor<T>(selector: (state: EditorStore) => T): T {
  return useStore(editorStore, selector);
}
