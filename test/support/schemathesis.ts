import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Schemathesis (https://schemathesis.readthedocs.io), pinned, in a virtual environment of its own
 * under .cache/ (gitignored), installed from PyPI the first time a suite needs it, the way
 * deploy/local/kafka.sh fetches Kafka's jars: nothing to install by hand, and a changed pin
 * installs the new version beside the old one. Python 3.9 or later is required (4.x's floor).
 */
export const SCHEMATHESIS_VERSION = '4.32.5';

const REPO_ROOT = resolve(__dirname, '..', '..');
const INSTALL_ROOT = join(REPO_ROOT, '.cache', 'schemathesis');
const VENV_DIR = join(INSTALL_ROOT, `venv-${SCHEMATHESIS_VERSION}`);
/** Written last: a directory without it is an interrupted install. */
const STAMP_FILE = join(VENV_DIR, 'installed-version');
const PIP_TIMEOUT_SECONDS = 60;

/**
 * The Python of the environment holding the pinned Schemathesis, installing it when absent.
 * The environment is built in a staging directory, then renamed: an interrupted install never
 * looks complete, and two runs installing at once do not mix their files. Renaming a venv is
 * safe here because Schemathesis is run as `python -m schemathesis.cli`, never through the
 * absolute paths of the scripts pip wrote into bin/.
 */
export async function schemathesisPython(): Promise<string> {
  const python = join(VENV_DIR, 'bin', 'python');
  if (isInstalled()) return python;
  mkdirSync(INSTALL_ROOT, { recursive: true });
  const staging = join(INSTALL_ROOT, `venv-${SCHEMATHESIS_VERSION}.partial-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    await runOrExplain('python3', ['-m', 'venv', staging], 'creating a Python virtual environment (python3 -m venv; on Debian: apt-get install python3-venv)');
    await runOrExplain(
      join(staging, 'bin', 'python'),
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--timeout', String(PIP_TIMEOUT_SECONDS), '--retries', '2', `schemathesis==${SCHEMATHESIS_VERSION}`],
      `installing schemathesis==${SCHEMATHESIS_VERSION} from PyPI into ${staging} (is PyPI reachable? a proxy set in PIP_INDEX_URL / HTTPS_PROXY?)`,
    );
    writeFileSync(join(staging, 'installed-version'), `${SCHEMATHESIS_VERSION}\n`);
    // Another run may have finished the same install meanwhile: keep theirs, it may be in use.
    if (!isInstalled()) {
      rmSync(VENV_DIR, { recursive: true, force: true });
      renameSync(staging, VENV_DIR);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return python;
}

function isInstalled(): boolean {
  return existsSync(STAMP_FILE) && readFileSync(STAMP_FILE, 'utf8').trim() === SCHEMATHESIS_VERSION;
}

export interface SchemathesisRun {
  readonly exitCode: number;
  /** Everything Schemathesis printed (stdout and stderr, interleaved), colours off. */
  readonly output: string;
}

/** Runs `schemathesis <args>` with the pinned version; resolves whatever its exit code. */
export async function runSchemathesis(args: readonly string[], env: Record<string, string> = {}): Promise<SchemathesisRun> {
  const python = await schemathesisPython();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(python, ['-m', 'schemathesis.cli', '--no-color', ...args], {
      // Anything Schemathesis or Hypothesis writes beside it stays under .cache/.
      cwd: INSTALL_ROOT,
      // Wide lines: its summary is read by people in the Jest output, not on a terminal.
      env: { ...process.env, COLUMNS: '160', PYTHONUNBUFFERED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ exitCode: code ?? (signal ? 128 : 1), output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** Runs a command; a failure throws with what was being done and the command's last lines. */
function runOrExplain(command: string, args: readonly string[], doing: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error) => reject(new Error(`Schemathesis setup failed while ${doing}: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) return resolvePromise();
      const lastLines = Buffer.concat(chunks).toString('utf8').trim().split('\n').slice(-20).join('\n');
      reject(new Error(`Schemathesis setup failed while ${doing}: ${command} exited with ${code}\n${lastLines}`));
    });
  });
}
