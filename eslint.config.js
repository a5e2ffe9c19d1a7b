// @ts-check
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Imports flow one way: shared/ is pure, renderer/ never reaches into electron/. */
const sharedMustStayPure = {
  patterns: [
    { group: ['**/electron/**', '../electron/*', 'electron'], message: 'shared/ must not import electron/ or Electron: it is pure TypeScript used by both sides.' },
    { group: ['**/renderer/**', 'react', 'react-dom', '@xyflow/*'], message: 'shared/ must not import renderer/ or DOM libraries.' },
  ],
};
const rendererStaysOutOfElectron = {
  patterns: [
    { group: ['**/electron/**', 'electron', 'node:*'], message: 'renderer/ must not import electron/ or Node built-ins: talk to the host through shared/protocol.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'release/**', 'test-results/**', '**/fixtures/**', '**/*.golden.*'] },
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
      globals: { URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', performance: 'readonly' },
    },
  },
  // No import cycles, between modules or folders: a cycle makes the load order decide behaviour.
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] })] },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // The rules of hooks, and complete effect dependencies. (Not the React Compiler's rules: the
  // canvas reads refs during render and writes run marks outside React on purpose, for speed.)
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', sharedMustStayPure] } },
  { files: ['renderer/**/*.ts', 'renderer/**/*.tsx'], rules: { 'no-restricted-imports': ['error', rendererStaysOutOfElectron] } },
);
