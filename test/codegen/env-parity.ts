/**
 * The `{env.NAME}` cases of the export parity suites: fetch workflows whose url, header and body
 * read environment variables, run on the engine with a lookup of ENV and as exported programs with
 * ENV in the child's environment (childEnv), against a real server on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { parseGraph } from '../../shared/graph';
import type { Graph } from '../../shared/graph/types';
import type { ProcessOutput } from '../run-process';
import type { Route } from '../http-server';

/**
 * The variables set for both sides; UNSET is never set. The key has no '/': aiohttp (yarl) sends a
 * '%2F' of a query as '/', for any placeholder, so the servers would see different bytes.
 */
export const ENV = {
  FLOWLOOP_TEST_API_KEY: 'sk live 7&Zq~',
  FLOWLOOP_TEST_TOKEN: 'tok_2fA9',
} as const;
export const UNSET = 'FLOWLOOP_TEST_UNSET';

/** What the engine reads, the same as the child's environment holds. */
export function envLookup(name: string): string | undefined {
  return Object.hasOwn(ENV, name) ? ENV[name as keyof typeof ENV] : undefined;
}

/** This process's environment with ENV set and UNSET removed. */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...ENV };
  delete env[UNSET];
  return env;
}

export interface EnvCase {
  name: string;
  graph: Graph;
}

function graph(name: string, params: Record<string, unknown>): EnvCase {
  const parsed = parseGraph(
    JSON.stringify({
      format: 'flowloop.graph/2',
      name,
      nodes: [
        { id: 'user', kind: 'value', params: { value: { id: 7, name: 'Ada' } } },
        { id: 'page', kind: 'fetch', params },
      ],
      edges: [{ source: 'user', target: 'page', input: 0 }],
    }),
  );
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return { name, graph: parsed.graph };
}

/**
 * `/echo` answers what it received (query, x-flow header, body), so the result shows the values
 * were sent; `/status/404` fails the node with HTTPError, whose message must show the placeholder.
 */
export function envCases(origin: string): EnvCase[] {
  return [
    graph('env_sent', {
      url: `${origin}/echo?id={0.id}&key={env.FLOWLOOP_TEST_API_KEY}`,
      method: 'POST',
      headers: { 'X-Flow': 'Bearer {env.FLOWLOOP_TEST_TOKEN}' },
      body: { token: '{env.FLOWLOOP_TEST_TOKEN}', who: '{0.name} {env.FLOWLOOP_TEST_API_KEY}' },
    }),
    graph('env_http_error', {
      url: `${origin}/status/404?key={env.FLOWLOOP_TEST_API_KEY}&who={0.name}`,
      responseType: 'text',
    }),
    graph('env_unset', {
      url: `${origin}/echo?key={env.FLOWLOOP_TEST_API_KEY}&t={env.${UNSET}}&id={0.nokey}`,
    }),
    // Not a variable, though process.env.constructor is a function and os.environ has none.
    graph('env_object_names', { url: `${origin}/echo?c={env.constructor}&p={env.__proto__}` }),
  ];
}

/** The server's routes (test/http-server.ts): `/echo` answers what it received, `/status/404` a 404. */
export const ENV_ROUTES: Record<string, Route> = {
  '/echo': (request, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        method: request.method,
        query: new URL(request.path, 'http://x').search,
        flow: request.headers['x-flow'] ?? null,
        // Parsed: aiohttp writes JSON with spaces after ',' and ':', the engine without.
        body: request.body === '' ? null : (JSON.parse(request.body) as unknown),
      }),
    );
  },
  '/status/404': (_request, res) => res.writeHead(404).end(),
};

/** Runs a command with `env` as its whole environment. */
export function runWithEnv(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<ProcessOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
