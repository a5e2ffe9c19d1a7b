/** flowloop/codegen — a workflow as code that does what its run does. Pure functions of the graph. */
import type { Graph } from '../graph/types';
import type { ExportResult } from './export-result';
import { exportPython } from './python';
import { exportTypeScript } from './typescript';

export type { ExportResult } from './export-result';
export { exportPython } from './python';
export { exportTypeScript } from './typescript';

export type ExportLanguage = 'python' | 'typescript';

export function exportWorkflow(graph: Graph, language: ExportLanguage): ExportResult {
  return language === 'python' ? exportPython(graph) : exportTypeScript(graph);
}
