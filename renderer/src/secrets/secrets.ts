/**
 * The Secrets dialog's state: which workflow's `{env.NAME}` variables it shows. The names come from
 * the document's fetch nodes; whether each is set, and where from, from the host (secrets.list).
 * Values go to the host (secrets.set) and never come back.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Graph } from '../../../shared/graph/types';
import { envNames } from '../../../shared/graph/placeholders';
import type { FetchParams } from '../../../shared/kinds/fetch/spec';

export interface SecretsDialogState {
  open: boolean;
  /** The node whose button opened it, to name in the title (null: the whole workflow). */
  from: string | null;
}

export const secretsStore = createStore<SecretsDialogState>(() => ({ open: false, from: null }));

export function useSecretsDialog<T>(selector: (state: SecretsDialogState) => T): T {
  return useStore(secretsStore, selector);
}

export function openSecrets(from: string | null = null): void {
  secretsStore.setState({ open: true, from });
}

export function closeSecrets(): void {
  secretsStore.setState({ open: false, from: null });
}

/** The variables a fetch node's url, headers and body read, in the order they first appear. */
export function nodeEnvNames(params: unknown): string[] {
  const p = params as Partial<FetchParams> | null;
  if (p === null || typeof p !== 'object' || typeof p.url !== 'string') return [];
  return envNames({ url: p.url, headers: p.headers, body: p.body });
}

/** Every variable the workflow's fetch nodes read, each once, in file order. */
export function workflowEnvNames(graph: Graph | null): string[] {
  const names = new Set<string>();
  for (const node of graph?.nodes ?? [])
    if (node.kind === 'fetch') for (const name of nodeEnvNames(node.params)) names.add(name);
  return [...names];
}
