/** The app's run marks (run-marks.ts) on the editor store, and the hooks by which nodes and edges attach to them. */
import { useLayoutEffect, useRef } from 'react';
import { editorStore } from '../store/use-editor';
import { createRunMarks } from './run-marks';

export const runMarks = createRunMarks(editorStore);

/** Refs for a node's box and its state mark; while both are in the page they show node `id`'s state. */
export function useNodeRunMarks(id: string) {
  const element = useRef<HTMLDivElement>(null);
  const mark = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (element.current === null || mark.current === null) return undefined;
    return runMarks.attachNode(id, element.current, mark.current);
  }, [id]);
  return { element, mark };
}

/** Refs for an edge's group and its title; while both are in the page they show what flowed from `source`. */
export function useEdgeRunMarks(source: string) {
  const element = useRef<SVGGElement>(null);
  const title = useRef<HTMLTitleElement>(null); // an SVG <title>, which React's JSX types as HTML's
  useLayoutEffect(() => {
    if (element.current === null || title.current === null) return undefined;
    return runMarks.attachEdge(source, element.current, title.current);
  }, [source]);
  return { element, title };
}
