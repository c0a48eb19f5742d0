// Flat config (ESLint 10 + typescript-eslint, no type-aware rules so it stays fast).
// Besides the recommended rules it enforces where code may run (see STYLE.md):
//   electron             only in electron/main/** and electron/preload/**
//   renderer/, shared/   no electron, no Node built-ins, no database, no main-process code
//   electron/preload/    no Node built-ins, no zod: one small sandboxed CommonJS file
//   electron/services/, electron/db/   no electron, no React
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));

const ban = {
  electron: {
    paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron. Take an interface (like IpcMainLike) instead.' }],
    patterns: [{ regex: '^electron/', message: 'Only electron/main and electron/preload may import electron.' }],
  },
  node: {
    paths: NODE_BUILTINS.map((name) => ({ name, message: 'Node built-ins do not exist in sandboxed code (renderer/, shared/, the preload).' })),
    patterns: [{ regex: '^node:', message: 'Node built-ins do not exist in sandboxed code (renderer/, shared/, the preload).' }],
  },
  database: {
    paths: ['better-sqlite3', 'kysely'].map((name) => ({ name, message: 'The ledger is reached through the contract (window.meterbook), never directly.' })),
    patterns: [{ regex: '^kysely/', message: 'The ledger is reached through the contract (window.meterbook), never directly.' }],
  },
  mainCode: {
    paths: [],
    patterns: [{ regex: '^(\\.\\./)+electron/', message: 'Renderer and shared code may not import main-process code; go through the contract in shared/contract.' }],
  },
  react: {
    paths: ['react', 'react-dom'].map((name) => ({ name, message: 'Main-process code does not use React.' })),
    patterns: [{ regex: '^react(-dom)?/', message: 'Main-process code does not use React.' }],
  },
  zod: {
    paths: [{ name: 'zod', message: 'The preload must stay tiny: import only shared/contract/names.ts (validation happens in main).' }],
    patterns: [],
  },
};

/** One no-restricted-imports setting from several groups (a later block replaces, never merges, the rule). */
const restrict = (...groups) => [
  'error',
  { paths: groups.flatMap((g) => g.paths), patterns: groups.flatMap((g) => g.patterns) },
];

export default defineConfig([
  globalIgnores(['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'artifacts/', 'bench/results/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-imports': restrict(ban.electron),
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    files: ['electron/main/**'],
    rules: { 'no-restricted-imports': restrict(ban.react) },
  },
  {
    files: ['electron/preload/**'],
    rules: { 'no-restricted-imports': restrict(ban.node, ban.zod, ban.database, ban.react) },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['shared/**'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
  },
  {
    files: ['renderer/**', 'shared/**'],
    rules: { 'no-restricted-imports': restrict(ban.electron, ban.node, ban.database, ban.mainCode) },
  },
  {
    // Kysely's convention: migrations (and the code that runs them) take Kysely<any>, so they
    // stay frozen in time instead of following the app's current schema type.
    files: ['electron/db/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Playwright fixtures must destructure their first parameter, even when they need nothing: ({}, use) => ...
    files: ['test/e2e/**'],
    rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] },
  },
  {
    files: ['electron/services/**', 'electron/db/**'],
    rules: { 'no-restricted-imports': restrict(ban.electron, ban.react) },
  },
]);
