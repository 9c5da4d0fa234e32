/// <reference lib="dom" />
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../../../bench/web-browser';
import { reserveFreePorts } from '../../support/distributed-platform';
import { mailPartsOf } from '../../support/raw-mail';
import { outboxMessages, recipientOf, temporaryPasswordIn } from '../../support/outbox';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'docs', 'screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
}

export interface RunningWebPlatform {
  readonly baseUrl: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * The platform exactly as `npm start` runs it once built: `node dist/services/embedded.main.js`,
 * serving the web application from dist/web. `npm test` builds first.
 */
export async function startBuiltPlatform(dataDir: string, env: Record<string, string> = {}): Promise<RunningWebPlatform> {
  const entry = join(REPO_ROOT, 'dist', 'services', 'embedded.main.js');
  if (!existsSync(entry) || !existsSync(join(REPO_ROOT, 'dist', 'web', 'index.html'))) {
    throw new Error('The platform or its web application is not built: run `npm run build` (npm test does it first).');
  }
  const [port] = await reserveFreePorts(1);
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The platform exited with ${child.exitCode}: ${errors}`);
    try {
      if ((await fetch(`${baseUrl}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The platform did not answer /health/ready within 60 s: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    dataDir,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One person at one browser: their own cookies, their own language, a desk-sized window. */
export async function newPerson(browser: Browser, baseUrl: string, options: { language?: 'fr' | 'en'; width?: number; height?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: options.language === 'en' ? 'en-GB' : 'fr-FR',
    timezoneId: 'Europe/Paris',
    acceptDownloads: true,
  });
  if (options.language === 'en') {
    await context.addInitScript(() => localStorage.setItem('osteo.language', 'en'));
  }
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** The temporary password the platform mailed to `email` (the outbox of the embedded profile). */
export function temporaryPasswordMailedTo(dataDir: string, email: string): string {
  const message = outboxMessages(dataDir)
    .filter((raw) => recipientOf(raw) === email.toLowerCase())
    .map(temporaryPasswordIn)
    .find((password) => password !== null);
  if (!message) throw new Error(`No temporary password mailed to ${email} in ${dataDir}/outbox`);
  return message;
}

/** The password-reset link last mailed to `email`, once the mail is in the outbox (it is sent after the answer). */
export async function resetLinkMailedTo(dataDir: string, email: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const links = outboxMessages(dataDir)
      .filter((raw) => recipientOf(raw) === email.toLowerCase())
      .map((raw) => /(\S*\/mot-de-passe\/reinitialiser\?token=[^\s"<]+)/.exec(mailPartsOf(raw).text)?.[1])
      .filter((link): link is string => link !== undefined);
    if (links.length > 0) return links[links.length - 1];
    if (Date.now() > deadline) throw new Error(`No password-reset link mailed to ${email} in ${dataDir}/outbox`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A screenshot of the screen as a person sees it, for docs/screenshots/ (the README shows some). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** axe-core on the current screen: the serious and critical violations, with where they are. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-cabinet']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`);
}
