import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENTS, RunInputs } from './run-inputs';

const folder = () => mkdtemp(join(tmpdir(), 'flowloop-run-inputs-'));

describe("the values last given to each document's inputs", () => {
  it('keeps them by file path (resolved) or, unsaved, by autosave key, in the data folder', async () => {
    const dataDir = await folder();
    const store = new RunInputs(dataDir);
    expect(await store.last({ path: '/w/a.flow.json', key: 'k1' })).toBeNull();
    await store.remember({ path: '/w/a.flow.json', key: 'k1' }, { user: 'ada' });
    await store.remember({ path: null, key: 'k2' }, { user: { n: 2 } });
    await store.remember({ path: '/w/b.flow.json', key: 'k3' }, {});
    expect(await store.last({ path: '/w/../w/a.flow.json', key: 'other' })).toEqual({ user: 'ada' });
    expect(await store.last({ path: null, key: 'k2' })).toEqual({ user: { n: 2 } });
    expect(await store.last({ path: '/w/b.flow.json', key: 'k3' })).toBeNull();
    // Another process (the next start) reads the same file.
    expect(await new RunInputs(dataDir).last({ path: null, key: 'k2' })).toEqual({ user: { n: 2 } });
  });

  it(`keeps the ${MAX_DOCUMENTS} most recently run documents, and starts over from a damaged file`, async () => {
    const dataDir = await folder();
    const store = new RunInputs(dataDir);
    await Promise.all(
      Array.from({ length: MAX_DOCUMENTS + 5 }, (_, i) =>
        store.remember({ path: null, key: `d${i}` }, { i }),
      ),
    );
    expect(await store.last({ path: null, key: 'd0' })).toBeNull();
    expect(await store.last({ path: null, key: 'd4' })).toBeNull();
    expect(await store.last({ path: null, key: 'd5' })).toEqual({ i: 5 });
    const table = JSON.parse(await readFile(join(dataDir, 'run-inputs.json'), 'utf8')) as object;
    expect(Object.keys(table)).toHaveLength(MAX_DOCUMENTS);
    await writeFile(join(dataDir, 'run-inputs.json'), '{ broken');
    expect(await store.last({ path: null, key: 'd5' })).toBeNull();
    await store.remember({ path: null, key: 'x' }, { ok: true });
    expect(await store.last({ path: null, key: 'x' })).toEqual({ ok: true });
  });
});
