// @ts-check
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The layers, and which way imports may flow (docs/architecture.md):
 *   shared/          pure TypeScript: loop, graph, runtime, codegen, protocol. No Node, no DOM.
 *   host/            runs, files, history; transport-agnostic: no Electron, no shell, no page.
 *   cli/             the flowloop command: the host and the web shell, never Electron.
 *   shell/web/       the browser mode's server: the host over a WebSocket.
 *   shell/electron/  the desktop shell: the host over IPC, and Electron.
 *   renderer/        the page: talks to the host only through shared/protocol.
 * Tests (*.test.ts) and test/ may reach across, to drive the real parts.
 */
const layer = (...groups) => ({ patterns: groups.map(([group, message]) => ({ group, message })) });
const NO_ELECTRON = [['electron', '**/shell/electron/**'], 'only shell/electron/ talks to Electron'];
const NO_PAGE = [
  ['**/renderer/**', 'react', 'react-dom', '@xyflow/*'],
  'the page (renderer/) is reached through shared/protocol, never imported',
];
const NO_TEST = [['**/test/**'], 'test support is for tests only'];
const layers = {
  'shared/**/*.ts': layer(
    [
      ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'http'],
      "shared/ is pure TypeScript: Node comes in through the host (ports such as the loop's scheduler)",
    ],
    [
      ['electron', '**/host/**', '**/cli/**', '**/shell/**'],
      'shared/ imports nothing of the host, the command line or the shells',
    ],
    NO_PAGE,
    NO_TEST,
  ),
  'host/**/*.ts': layer(
    NO_ELECTRON,
    [
      ['**/shell/**', '**/cli/**'],
      'the host is transport-agnostic: the shells and the command line use it, not the other way',
    ],
    NO_PAGE,
    NO_TEST,
  ),
  'cli/**/*.ts': layer(NO_ELECTRON, NO_PAGE, NO_TEST),
  'shell/web/**/*.ts': layer(
    NO_ELECTRON,
    [['**/cli/**'], 'the web shell serves the host; the command line starts it, not the other way'],
    NO_PAGE,
    NO_TEST,
  ),
  'shell/electron/**/*.ts': layer(NO_PAGE, NO_TEST),
  'renderer/src/**/*.{ts,tsx}': layer(
    [
      ['electron', 'node:*', '**/host/**', '**/cli/**', '**/shell/**'],
      'renderer/ must not import Electron, Node built-ins, the host or the shells: talk to the host through shared/protocol',
    ],
    [['**/renderer/test/**', '**/test/**'], 'test support is for tests only'],
  ),
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'out/**',
      'release/**',
      'test-results/**',
      '**/fixtures/**',
      '**/*.golden.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        performance: 'readonly',
      },
    },
  },
  // No import cycles, between modules or folders: a cycle makes the load order decide behaviour.
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // The rules of hooks, and complete effect dependencies. (Not the React Compiler's rules: the
  // canvas reads refs during render and writes run marks outside React on purpose, for speed.)
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['setImmediate', 'clearImmediate', 'process', 'Buffer', 'require', '__dirname', '__filename'].map(
          (name) => ({
            name,
            message:
              'shared/ runs in the page too: Node comes in through a port the host passes (e.g. EventLoopOptions.scheduleSoon)',
          }),
        ),
      ],
    },
  },
  ...Object.entries(layers).map(([files, rule]) => ({
    files: [files],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', rule] },
  })),
);
