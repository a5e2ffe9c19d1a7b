// The Node-side bundles (dist/cli, dist/electron) are built by `npm run build`, which `npm install`
// runs. In a source checkout (one with scripts/build-host.mjs) they are rebuilt here when
// missing or older than a source file they were built from, so that a person who edits the
// TypeScript and runs `npx flowloop` runs what they wrote. An installed package has no sources
// and is never rebuilt.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const checkout = new URL('..', import.meta.url);

/** Why `entry` must be built again, or null when it is up to date (or cannot be rebuilt here). */
export function staleBecause(entry, root = checkout) {
  // Paths as strings, and one stat per source: this runs at every start in a checkout.
  const base = fileURLToPath(root);
  if (!existsSync(`${base}scripts/build-host.mjs`)) return null;
  const builtAt = mtimeOf(`${base}dist/cli/inputs.json`);
  if (!existsSync(entry) || builtAt === undefined) return 'it has not been built';
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(`${base}dist/cli/inputs.json`, 'utf8'));
  } catch {
    return 'its list of sources is unreadable';
  }
  for (const input of inputs) {
    const changedAt = mtimeOf(base + input);
    if (changedAt === undefined) return `${input} is gone`;
    if (changedAt > builtAt) return `${input} changed`;
  }
  return null;
}

/** When the file at `path` last changed, or undefined when it cannot be seen (as existsSync says false). */
function mtimeOf(path) {
  try {
    return statSync(path, { throwIfNoEntry: false })?.mtimeMs;
  } catch {
    return undefined;
  }
}

/** Builds the Node-side bundles if `entry` is missing or stale; throws with the build's output if that fails. */
export async function ensureBuilt(entry, root = checkout) {
  const why = staleBecause(entry, root);
  if (why === null) {
    if (!existsSync(entry))
      throw new Error(
        `this installation is incomplete: ${fileURLToPath(entry)} is missing; reinstall Flowloop`,
      );
    return;
  }
  // Loaded only to rebuild: a run loads nothing it does not use.
  const { spawnSync } = await import('node:child_process');
  const buildScript = fileURLToPath(new URL('scripts/build-host.mjs', root));
  const result = spawnSync(process.execPath, [buildScript], { cwd: fileURLToPath(root), encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `building the command line failed (${why}):\n${result.stdout}${result.stderr}run \`npm run build\` to see why`,
    );
  }
}
