/**
 * Node sizes as xyflow measured them on the canvas, by node id: the canvas (Canvas.tsx) records them
 * so re-derived nodes stay measured, and auto-layout (layout.ts, from the toolbar) spaces the nodes
 * by them. Not part of the document: a fact of the page, kept beside the editor store, not in its state (no store update per measurement).
 */
export type Size = { width: number; height: number };

export const measuredSizes = new Map<string, Size>();
