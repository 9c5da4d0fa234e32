/**
 * Debian's Chromium through playwright-core, and Lighthouse 12 (an ES module) against the same
 * browser, for `npm run bench -- web`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT } from './web-platform';

/** The flags that run Debian's Chromium headless here (the browser suite uses them too). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}: install Debian's (\`apt-get update && apt-get install -y chromium\`; .ci/run does it when it is missing) or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  return path;
}

/**
 * A real `import()`: TypeScript's CommonJS output turns `import()` into `require()`, which cannot
 * load an ES module such as Lighthouse or Vite. Specifiers are file URLs inside node_modules.
 */
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{ default: unknown } & Record<string, unknown>>;

export function importFromNodeModules(path: string): Promise<{ default: unknown } & Record<string, unknown>> {
  return importModule(pathToFileURL(join(REPO_ROOT, 'node_modules', path)).href);
}

/** What the bench reads of a Lighthouse result (lighthouse/types/lhr). */
interface LighthouseAudit {
  readonly id: string;
  readonly title: string;
  readonly score: number | null;
  readonly scoreDisplayMode: string;
  readonly displayValue?: string;
  readonly numericValue?: number;
  readonly details?: { readonly type?: string; readonly overallSavingsMs?: number; readonly items?: readonly { readonly url?: unknown }[] };
}
interface LighthouseCategory {
  readonly score: number | null;
  readonly auditRefs: readonly { readonly id: string; readonly weight: number }[];
}
interface LighthouseResult {
  readonly finalDisplayedUrl: string;
  readonly runtimeError?: { readonly code: string; readonly message: string };
  readonly runWarnings: readonly string[];
  readonly categories: Record<string, LighthouseCategory>;
  readonly audits: Record<string, LighthouseAudit>;
}
type Lighthouse = (url: string, flags: Record<string, unknown>, config: unknown) => Promise<{ lhr: LighthouseResult } | undefined>;

export const LIGHTHOUSE_CATEGORIES = ['performance', 'accessibility', 'best-cabinets'] as const;
export type LighthouseCategoryId = (typeof LIGHTHOUSE_CATEGORIES)[number];

export interface PageAudit {
  readonly path: string;
  readonly finalUrl: string;
  readonly scores: Record<LighthouseCategoryId, number>;
  /** FCP, LCP, TBT, CLS as Lighthouse displays them. */
  readonly metrics: string;
  /** Per category, the weighted audits that did not pass, with what Lighthouse says of them. */
  readonly failing: Record<LighthouseCategoryId, string[]>;
  /** The performance opportunities with estimated savings, largest first. */
  readonly opportunities: string[];
  readonly warnings: readonly string[];
  /** Runs it took: one, unless a run ended in NO_FCP. */
  readonly attempts: number;
}

/** A run that records no first paint (NO_FCP) is made again, this many times in all at most. */
export const MAX_ATTEMPTS = 3;

let loaded: Promise<{ lighthouse: Lighthouse; desktopConfig: unknown }> | undefined;

function loadLighthouse() {
  return (loaded ??= (async () => ({
    lighthouse: (await importFromNodeModules('lighthouse/core/index.js')).default as Lighthouse,
    desktopConfig: (await importFromNodeModules('lighthouse/core/config/desktop-config.js')).default,
  }))());
}

/**
 * Lighthouse's desktop configuration against the browser listening on `port`, in its default
 * context (its cookies kept: disableStorageReset). Storage is kept, so the HTTP cache would be
 * too: `clearCache` empties it first, so that every page loads cold as Lighthouse's default run would.
 */
export async function auditPage(port: number, url: string, path: string, clearCache: () => Promise<void>): Promise<PageAudit> {
  const { lighthouse, desktopConfig } = await loadLighthouse();
  let lhr: LighthouseResult;
  let attempts = 0;
  for (;;) {
    attempts++;
    await clearCache();
    const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', disableStorageReset: true, onlyCategories: [...LIGHTHOUSE_CATEGORIES] }, desktopConfig);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    lhr = result.lhr;
    // Now and then Lighthouse's tab records no first paint here (NO_FCP, "keep the browser window in the foreground"): that run is made again.
    if (lhr.runtimeError?.code === 'NO_FCP' && attempts < MAX_ATTEMPTS) {
      console.error(`bench web: Lighthouse on ${path}: NO_FCP, run again`);
      continue;
    }
    if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url} (attempt ${attempts}): ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    break;
  }
  const scores = {} as Record<LighthouseCategoryId, number>;
  const failing = {} as Record<LighthouseCategoryId, string[]>;
  for (const id of LIGHTHOUSE_CATEGORIES) {
    const category = lhr.categories[id];
    scores[id] = Math.round((category?.score ?? 0) * 100);
    failing[id] = (category?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((audit): audit is LighthouseAudit => audit !== undefined && audit.score !== null && audit.score < (id === 'performance' ? 0.9 : 1))
      .map((audit) => (audit.displayValue ? `${audit.title} (${audit.displayValue})` : audit.title));
  }
  const metric = (id: string) => lhr.audits[id]?.displayValue ?? '?';
  const opportunities = Object.values(lhr.audits)
    .filter((audit) => (audit.details?.overallSavingsMs ?? 0) >= 50 || (audit.details?.type === 'opportunity' && audit.score !== null && audit.score < 0.9))
    .sort((a, b) => (b.details?.overallSavingsMs ?? 0) - (a.details?.overallSavingsMs ?? 0))
    .map((audit) => `${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}${urlsOf(audit)}`);
  return {
    path,
    finalUrl: lhr.finalDisplayedUrl,
    scores,
    metrics: `FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}`,
    failing,
    opportunities,
    warnings: lhr.runWarnings,
    attempts,
  };
}

/** The first resources an audit names, as paths of this origin: which files to look at. */
function urlsOf(audit: LighthouseAudit): string {
  const urls = [...new Set((audit.details?.items ?? []).map((item) => item.url).filter((url): url is string => typeof url === 'string' && /^https?:/.test(url)))];
  if (urls.length === 0) return '';
  const shown = urls.slice(0, 3).map((url) => new URL(url).pathname);
  return `: ${shown.join(', ')}${urls.length > shown.length ? ` and ${urls.length - shown.length} more` : ''}`;
}

/** Signs in through the login form, as a person would; the browser context keeps the refresh cookie. */
export async function logInThroughForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/connexion`, { waitUntil: 'networkidle' });
  try {
    await page.getByLabel('Adresse e-mail').fill(email);
    // By role: the label's text holds Mantine's required asterisk, so getByLabel(…, { exact: true }) finds nothing.
    await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  } catch (error) {
    const screen = await page.locator('body').ariaSnapshot().catch(() => '(no snapshot)');
    throw new Error(`Logging in through the form failed at ${page.url()}: ${String(error)}\nThe screen:\n${screen}`);
  }
  const cookies = await page.context().cookies(baseUrl + '/api/v1/auth/refresh');
  if (!cookies.some((cookie) => cookie.name === 'osteo_refresh')) throw new Error('Logged in, but the browser holds no osteo_refresh cookie');
}

/** Empties the HTTP cache of the browser (CDP Network.clearBrowserCache), cookies untouched. */
export async function clearBrowserCache(context: BrowserContext, page: Page): Promise<void> {
  const session = await context.newCDPSession(page);
  try {
    await session.send('Network.enable');
    await session.send('Network.clearBrowserCache');
  } finally {
    await session.detach();
  }
}

/** Scripting and layout time Chromium has counted for the page so far (CDP Performance.getMetrics), in ms. */
export async function cpuCounters(session: { send(method: 'Performance.getMetrics'): Promise<{ metrics: { name: string; value: number }[] }> }) {
  const { metrics } = await session.send('Performance.getMetrics');
  const value = (name: string) => (metrics.find((metric) => metric.name === name)?.value ?? 0) * 1000;
  return { scriptMs: value('ScriptDuration'), layoutMs: value('LayoutDuration') + value('RecalcStyleDuration') };
}
