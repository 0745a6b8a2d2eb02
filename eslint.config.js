// ESLint: typed lint (typescript-eslint, recommendedTypeChecked) + module boundaries + React hooks.
// Formatting is Prettier's (.prettierrc.json); eslint-config-prettier turns off every rule that would
// fight it. Each deviation from the presets is explained in docs/adr/0006-lint-and-format.md.
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const TS = ['**/*.ts', '**/*.tsx']
const JS = ['**/*.js', '**/*.mjs', '**/*.cjs']
/** Code that may reach into a module's internals (ADR 0006): tests, benchmarks, browser tests, scripts. */
const HARNESS = ['**/*.test.ts', 'test/**', 'bench/**', 'e2e/**', 'scripts/**']

// ---- Import boundaries (no-restricted-imports patterns on the specifier as written) ----------------
// Imports are relative and extensionless (ADR 0003), and modules are flat folders, so a specifier says
// which folder it lands in. ESLint does not merge the options of one rule across config blocks, so
// each area below lists every group that applies to it.

/** (a) From outside src/modules: a module only through its index (`modules/<m>` or `modules/<m>/index`). */
const moduleInternalsFromOutside = {
  regex: '(^|/)modules/[^/]+/(?!index$)[^/]+',
  message: 'Import a module only through its index.ts (modules/<m>), never one of its files.',
}
/** (a) From inside src/modules/<m>: another module only through its index (`../<other>`). */
const moduleInternalsFromSibling = {
  regex: '^\\.\\./(?!\\.\\.(/|$))[^/]+/(?!index$)[^/]+',
  message: "Import another module only through its index.ts ('../<module>'), never one of its files.",
}
/** (b) src/core knows no domain module. */
const anyModule = { regex: '(^|/)modules(/|$)', message: 'src/core imports no module: pass what it needs in from the module.' }
/** (c) src/shared is compiled by the web too: pure code only. */
const sharedForbidden = [
  { regex: '(^|/)(core|modules)(/|$)', message: 'src/shared imports neither src/core nor src/modules (the web compiles it).' },
  { group: ['node:*', ...builtinModules], message: 'src/shared imports no Node built-in (the web compiles it).' },
]
/** (d) The web imports src/shared, never the server's core or modules. */
const serverFromWeb = {
  regex: '(^|/)src/(core|modules)(/|$)',
  message: 'web/src may import src/shared, never src/core or src/modules: move what both need to src/shared.',
}

const restrict = (...patterns) => ['error', { patterns }]

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'coverage/**',
      'data/**',
      'web/dist/**',
      'openapi.json',
      'web/src/api/openapi.gen.ts',
      'src/modules/org/divisions.data.json',
      'bench/results/**',
      'samples/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  // Plain JavaScript (config files, bin/, scripts/*.mjs) is in no tsconfig: lint it without types.
  { files: JS, ...tseslint.configs.disableTypeChecked },

  {
    files: TS,
    rules: {
      // Chinese typesetting uses the ideographic space (U+3000) in printed documents' text.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true }],
      // Safety: kept on (part of recommendedTypeChecked, restated so they cannot silently drop out).
      // react-router's navigate() is typed `void | Promise<void>` for data routers; ours (BrowserRouter) returns void.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'react-router', name: 'NavigateFunction' }] },
      ],
      // React and antd ignore what an event handler returns; our async handlers catch their own errors.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // Deviations (ADR 0006).
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allow: [
            { from: 'lib', name: ['Error', 'URL', 'URLSearchParams'] },
            { from: 'package', package: 'node', name: ['URL', 'URLSearchParams'] },
          ],
        },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },

  // ---- Boundaries ------------------------------------------------------------------------------------
  {
    files: ['src/**/*.ts', 'web/**/*.ts', 'web/**/*.tsx', 'bin/**', 'vitest.config.ts'],
    rules: { 'no-restricted-imports': restrict(moduleInternalsFromOutside) },
  },
  { files: ['src/modules/**'], rules: { 'no-restricted-imports': restrict(moduleInternalsFromSibling) } },
  { files: ['src/core/**'], rules: { 'no-restricted-imports': restrict(anyModule) } },
  { files: ['src/shared/**'], rules: { 'no-restricted-imports': restrict(...sharedForbidden) } },
  { files: ['web/**'], rules: { 'no-restricted-imports': restrict(serverFromWeb) } },
  // Tests, benchmarks, browser tests and scripts may use a module's internals (a). Tests keep (b);
  // src/shared's tests may use src/core and Node (the web never compiles a test file), not modules.
  { files: HARNESS, rules: { 'no-restricted-imports': 'off' } },
  { files: ['src/core/**/*.test.ts'], rules: { 'no-restricted-imports': restrict(anyModule) } },
  { files: ['src/shared/**/*.test.ts'], rules: { 'no-restricted-imports': restrict({ ...anyModule, message: 'src/shared imports no module.' }) } },

  // ---- Tests -------------------------------------------------------------------------------------------
  // HTTP tests read untyped JSON bodies (light-my-request's `json()` is `any`) and annotate callbacks
  // over them with `any`: the unsafe-any family and no-explicit-any would flag every assertion.
  {
    files: ['**/*.test.ts', 'test/**', 'e2e/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // Migrations are frozen in time and must not depend on today's `Database` type: Kysely<any> is
  // Kysely's documented type for them.
  { files: ['src/core/db/migrations/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },

  // ---- Web -----------------------------------------------------------------------------------------------
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The classic hook rules. The React Compiler rules of the plugin's `recommended` preset are left
    // out: we do not use the compiler, and they ask to restructure effects that load data (ADR 0006).
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },

  prettier,
)
