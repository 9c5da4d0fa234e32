/**
 * The bounds the public contracts promise (the fee ceiling, 100 % in basis points, the shape of a
 * day) are written once, in libs/contracts, and eslint.config.mjs forbids writing them again
 * elsewhere in services/ and libs/. Given snippets that write them where they belong and where
 * they do not, when ESLint checks them with the project's own configuration, then only the copies
 * are reported; and the real services/ and libs/ hold none.
 *
 * ESLint loads its ESM configuration with import(), which Jest's CommonJS sandbox refuses, so the
 * suite drives the ESLint Node API in a child process.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');

/** Type-aware parsing needs files on disk in a tsconfig; the rules under test read syntax only. */
const LINTER = `
const { ESLint } = require('eslint');
const withoutTypes = {
  languageOptions: { parserOptions: { projectService: false } },
  rules: {
    '@typescript-eslint/no-floating-promises': 'off',
    '@typescript-eslint/no-misused-promises': 'off',
    '@typescript-eslint/await-thenable': 'off',
  },
};
(async () => {
  const request = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: withoutTypes });
  const results = request.files
    ? await eslint.lintFiles(request.files)
    : (await Promise.all(request.snippets.map(({ filePath, code }) => eslint.lintText(code, { filePath })))).flat();
  const reports = results.flatMap((result) =>
    result.messages.map((message) => ({ file: require('node:path').relative(process.cwd(), result.filePath), ruleId: message.ruleId, message: message.message })),
  );
  process.stdout.write(JSON.stringify({ linted: results.length, reports }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

interface Report {
  readonly file: string;
  readonly ruleId: string | null;
  readonly message: string;
}

function lint(request: { snippets: { filePath: string; code: string }[] } | { files: string[] }): { linted: number; reports: Report[] } {
  const run = spawnSync(process.execPath, ['-e', LINTER], { cwd: REPO_ROOT, input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`the ESLint run exited with ${String(run.status)}:\n${run.stderr}`);
  return JSON.parse(run.stdout) as { linted: number; reports: Report[] };
}

const FEE_CEILING = 'export const MAX_FEE_CENTS = 100_000_000;';
const BASIS_POINTS = 'export const ratePerUnit = (basisPoints: number): number => basisPoints / 10_000;';
const CALENDAR_DATE_SHAPE = 'export const isDay = (value: string): boolean => /^\\d{4}-\\d{2}-\\d{2}$/.test(value);';
/** Controls: the same numbers and dates, not the contract's bounds. */
const NEIGHBOURS = [
  'export const nearlyAllCents = 99_999_999;',
  'export const tenSecondsAndOne = 10_001;',
  'export const DATE_TIME = /^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$/;',
].join('\n');

/** Which bound each message points to, by the constant it names. */
const BOUND_NAMED_BY: Readonly<Record<string, string>> = {
  MAX_AMOUNT_CENTS: 'fee ceiling',
  BASIS_POINTS_PER_UNIT: 'basis points',
  CALENDAR_DATE_PATTERN: 'calendar date',
};

/** `file: bound`, for the reports of no-restricted-syntax only. */
const copiedBounds = (reports: readonly Report[]): string[] =>
  reports
    .filter((report) => report.ruleId === 'no-restricted-syntax')
    .map(({ file, message }) => `${file}: ${Object.entries(BOUND_NAMED_BY).find(([constant]) => message.includes(constant))?.[1] ?? message}`)
    .sort();

describe('one source for each contract bound (eslint.config.mjs)', () => {
  it('given the bounds written again in a service or a lib, then each copy is reported; in libs/contracts and in tests they are not', () => {
    const snippets = [
      { filePath: 'services/a/domain/fee.ts', code: [FEE_CEILING, BASIS_POINTS, CALENDAR_DATE_SHAPE, NEIGHBOURS].join('\n') },
      { filePath: 'services/a/interface/fee.dto.ts', code: CALENDAR_DATE_SHAPE },
      { filePath: 'libs/messaging/fee-check.ts', code: [FEE_CEILING, CALENDAR_DATE_SHAPE].join('\n') },
      // A ten-thousand in a lib is a cache size or a timeout, not a rate.
      { filePath: 'libs/auth/cache.ts', code: 'export const DEFAULT_CACHED_ACCOUNTS = 10_000;' },
      { filePath: 'libs/contracts/bounds.ts', code: [FEE_CEILING, BASIS_POINTS, CALENDAR_DATE_SHAPE].join('\n') },
      { filePath: 'services/a/domain/fee.spec.ts', code: [FEE_CEILING, BASIS_POINTS, CALENDAR_DATE_SHAPE].join('\n') },
    ];

    expect(copiedBounds(lint({ snippets }).reports)).toEqual([
      'libs/messaging/fee-check.ts: calendar date',
      'libs/messaging/fee-check.ts: fee ceiling',
      'services/a/domain/fee.ts: basis points',
      'services/a/domain/fee.ts: calendar date',
      'services/a/domain/fee.ts: fee ceiling',
      'services/a/interface/fee.dto.ts: calendar date',
    ]);
  });

  it('the real services/ and libs/ write none of them again', () => {
    const { linted, reports } = lint({ files: ['services', 'libs'] });
    expect(linted).toBeGreaterThan(300);
    expect(copiedBounds(reports)).toEqual([]);
  }, 180_000);
});
