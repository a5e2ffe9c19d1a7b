/** The examples gallery: every *.flow.json in examples/, with its name and x-description. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Example } from '../shared/protocol/messages';
import { appRoot } from './app-root';

export async function listExamples(dir: string = join(appRoot(), 'examples')): Promise<Example[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const examples: Example[] = [];
  for (const id of names) {
    const text = await readFile(join(dir, id), 'utf8');
    let name = id;
    let description = '';
    try {
      const doc = JSON.parse(text) as { name?: unknown; 'x-description'?: unknown };
      if (typeof doc.name === 'string') name = doc.name;
      if (typeof doc['x-description'] === 'string') description = doc['x-description'];
    } catch {
      continue; // not a workflow document; the examples' own tests catch this
    }
    examples.push({ id, name, description, text });
  }
  return examples;
}
