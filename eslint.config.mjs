// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Suites by what they need (STYLE.md point 8), plus the shared adapter contract suites. */
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.contract.ts'];

/** A focused test (`it.only`, `fdescribe`, ...) silently skips the rest of the suite in CI. */
const FOCUSED_TEST_MESSAGE = 'Focused tests skip the rest of the suite; remove `.only` before committing.';

/**
 * What the public contracts promise is written once, in libs/contracts (bounds.ts,
 * calendar-date.ts), and imported elsewhere, so that a DTO, a decider and a consumer cannot drift
 * from the schema a publisher is held to. Proven by test/architecture/lint-rules.spec.ts.
 */
const FEE_CEILING = {
  selector: 'Literal[value=100000000]',
  message: 'The fee ceiling is MAX_AMOUNT_CENTS of @osteo/contracts: import it.',
};
const CALENDAR_DATE_SHAPE = {
  selector: String.raw`Literal[regex.pattern=/^\^\\d\{4\}-\\d\{2\}-\\d\{2\}\$$/]`,
  message: 'A day is checked by isCalendarDate of @osteo/contracts (IsCalendarDate of @osteo/http in a DTO); its shape is CALENDAR_DATE_PATTERN.',
};
/** Services only: libs hold other ten-thousands (cache sizes, timeouts, a port offset) that are no rate. */
const BASIS_POINTS = {
  selector: 'Literal[value=10000]',
  message: '100 % in basis points is BASIS_POINTS_PER_UNIT of @osteo/contracts: import it.',
};

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '.cache/',
    'coverage/',
    'data/',
    'deploy/local/ferretdb/',
  ]),

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  {
    name: 'osteo/typescript',
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },

  {
    // Type information costs one TypeScript program per lint run, so only the few rules that
    // catch real bugs here use it: an un-awaited append, publish or projection update fails
    // silently, and an async callback where a sync one is expected loses its rejection.
    // The rest of recommendedTypeChecked (no-unsafe-*) would mostly flag Nest and mongoose typings.
    name: 'osteo/promises',
    files: ['{services,libs,bench,deploy,test}/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },

  {
    // The web application: the same TypeScript rules, in the browser (TSX included).
    name: 'osteo/web',
    files: ['web/**/*.{ts,tsx,mts}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },

  {
    // Tests may write a fee of 10_000 cents or an invented date pattern: they state cases, not rules.
    name: 'osteo/contract-bounds-in-libs',
    files: ['libs/**/*.ts'],
    ignores: ['libs/contracts/**', ...TEST_FILES],
    rules: { 'no-restricted-syntax': ['error', FEE_CEILING, CALENDAR_DATE_SHAPE] },
  },

  {
    name: 'osteo/contract-bounds-in-services',
    files: ['services/**/*.ts'],
    ignores: TEST_FILES,
    rules: { 'no-restricted-syntax': ['error', FEE_CEILING, CALENDAR_DATE_SHAPE, BASIS_POINTS] },
  },

  {
    name: 'osteo/tests',
    files: TEST_FILES,
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name=/^(describe|it|test)$/][property.name='only']",
          message: FOCUSED_TEST_MESSAGE,
        },
        {
          selector: 'CallExpression[callee.name=/^f(describe|it)$/]',
          message: FOCUSED_TEST_MESSAGE,
        },
      ],
    },
  },

  {
    name: 'osteo/node-scripts',
    files: ['**/*.{js,cjs,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },

  {
    // package.json has no "type": "module", so plain .js files are CommonJS.
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
