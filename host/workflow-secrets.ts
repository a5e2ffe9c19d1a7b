/**
 * The values the app keeps for workflows' `{env.NAME}` placeholders (docs/app-surface.md, Secrets):
 * in dataDir/secrets.json, a file of its own readable by its owner only (0600, written atomically),
 * by the workflow file's absolute path, never in the workflow file, its history or its reports. A run
 * of that workflow reads a stored value before the process environment (runEnvironment).
 *
 * Nothing here hands a value to the page: `describe` says which names are set and where from.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENV_NAME } from '../shared/graph/placeholders';
import { MAX_SECRET_BYTES, type SecretState } from '../shared/protocol/messages';
import { utf8BytesOver } from '../shared/protocol/limits';
import { writeFileAtomic } from './atomic-write';
import { workflowPath, WORKFLOW_SUFFIX } from './workflow-file';

export const SECRETS_FILE = 'secrets.json';
/** At most this many workflows, and names per workflow: a bound on the file, far above real use. */
export const MAX_SECRET_WORKFLOWS = 1000;
export const MAX_SECRETS_PER_WORKFLOW = 200;

type Table = Map<string, Record<string, string>>;

/** A refused change (bad name, value or path, a full table, an unreadable file): nothing was written. */
export class SecretsError extends Error {
  override readonly name = 'SecretsError';
}

const isStringRecord = (value: unknown): value is Record<string, string> =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.values(value).every((item) => typeof item === 'string');

/** The absolute path of a workflow file, or a SecretsError naming why `path` is none. */
export function secretsKey(path: string): string {
  const absolute = workflowPath(path);
  if (absolute === null)
    throw new SecretsError(
      `secrets are kept for workflow files only, whose names end in ${WORKFLOW_SUFFIX}; ${path} is not one`,
    );
  return absolute;
}

function checkName(name: string): void {
  if (!ENV_NAME.test(name))
    throw new SecretsError(
      `${JSON.stringify(name.slice(0, 60))} is not a variable name: a letter or _ followed by letters, digits or _`,
    );
}

export class WorkflowSecrets {
  readonly file: string;
  /** Serialises changes so that two quick ones cannot lose each other. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    /** Where a name not stored for the workflow is looked up: the host's process environment. */
    private readonly processEnv: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    this.file = join(dataDir, SECRETS_FILE);
  }

  private async table(): Promise<Table> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw new SecretsError(`cannot read the app's secrets (${this.file}): ${(error as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return new Map(); // damaged: start a new table, as the other files of the data folder do
    }
    const workflows = (parsed as { workflows?: unknown } | null)?.workflows;
    if (workflows === null || typeof workflows !== 'object' || Array.isArray(workflows)) return new Map();
    return new Map(
      Object.entries(workflows).filter((entry): entry is [string, Record<string, string>] =>
        isStringRecord(entry[1]),
      ),
    );
  }

  /** The values stored for the workflow at `path` (none for a path that is not a workflow's). */
  async values(path: string): Promise<Record<string, string>> {
    const absolute = workflowPath(path);
    if (absolute === null) return {};
    return { ...(await this.table()).get(absolute) };
  }

  /**
   * For each name `names` lists (the workflow's placeholders), and each name stored for the workflow
   * that it no longer uses: whether it is set, and where from. Never the values.
   */
  async describe(path: string | null, names: readonly string[]): Promise<SecretState[]> {
    const stored = path === null ? {} : await this.values(path);
    const all = [...new Set([...names, ...Object.keys(stored).sort()])];
    return all.map((name) => {
      const used = names.includes(name);
      if (Object.hasOwn(stored, name)) return { name, used, source: 'app' };
      if (Object.hasOwn(this.processEnv, name) && this.processEnv[name] !== undefined)
        return { name, used, source: 'environment' };
      return { name, used, source: null };
    });
  }

  /** What a run of the workflow at `path` (null: unsaved) reads: a stored value first, then the environment. */
  async runEnvironment(path: string | null): Promise<(name: string) => string | undefined> {
    const stored = path === null ? {} : await this.values(path);
    const env = this.processEnv;
    return (name) =>
      Object.hasOwn(stored, name) ? stored[name] : Object.hasOwn(env, name) ? env[name] : undefined;
  }

  /** Keeps `value` for `name` in the workflow at `path`; refuses a bad path, name or value, writing nothing. */
  async set(path: string, name: string, value: string): Promise<void> {
    const key = secretsKey(path);
    checkName(name);
    if (utf8BytesOver(value, MAX_SECRET_BYTES) !== null)
      throw new SecretsError(`a secret's value is at most ${MAX_SECRET_BYTES / 1024} KiB`);
    if (value.includes('\0')) throw new SecretsError("a secret's value cannot hold a NUL character");
    await this.change((table) => {
      const values = { ...table.get(key) };
      if (!Object.hasOwn(values, name) && Object.keys(values).length >= MAX_SECRETS_PER_WORKFLOW)
        throw new SecretsError(`a workflow keeps at most ${MAX_SECRETS_PER_WORKFLOW} secrets in the app`);
      if (!table.has(key) && table.size >= MAX_SECRET_WORKFLOWS)
        throw new SecretsError(
          `the app keeps secrets for at most ${MAX_SECRET_WORKFLOWS} workflows; clear some first`,
        );
      values[name] = value;
      table.set(key, values);
      return true;
    });
  }

  /** Forgets `name` for the workflow at `path` (nothing stored: nothing changes). */
  async clear(path: string, name: string): Promise<void> {
    const key = secretsKey(path);
    checkName(name);
    await this.change((table) => {
      const values = table.get(key);
      if (values === undefined || !Object.hasOwn(values, name)) return false;
      const rest = Object.fromEntries(Object.entries(values).filter(([n]) => n !== name));
      if (Object.keys(rest).length === 0) table.delete(key);
      else table.set(key, rest);
      return true;
    });
  }

  /** Applies `edit` to the table, in turn, and writes the file (0600, atomically) when it changed something. */
  private change(edit: (table: Table) => boolean): Promise<void> {
    const update = this.queue.then(async () => {
      const table = await this.table();
      if (!edit(table)) return;
      await mkdir(this.dataDir, { recursive: true });
      const text = `${JSON.stringify({ version: 1, workflows: Object.fromEntries(table) }, null, 1)}\n`;
      await writeFileAtomic(this.file, text, { mode: 0o600 });
    });
    this.queue = update.catch(() => undefined);
    return update;
  }
}
