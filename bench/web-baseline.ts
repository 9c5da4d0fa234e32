/**
 * The baseline page of `npm run bench -- web` (web/bench/calendar-baseline.*): built at bench time
 * with Vite's JS API into a temporary directory and served by a small static server on loopback.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { importFromNodeModules } from './web-browser';
import { REPO_ROOT } from './web-platform';

export const BASELINE_ROOT = join(REPO_ROOT, 'web', 'bench');
export const BASELINE_PAGE = 'calendar-baseline.html';

export interface ServedBaseline {
  readonly url: string;
  /** Bytes of JavaScript of the built page. */
  readonly scriptBytes: number;
  stop(): Promise<void>;
}

type ViteBuild = (config: Record<string, unknown>) => Promise<unknown>;

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

export async function buildAndServeBaseline(): Promise<ServedBaseline> {
  const outDir = mkdtempSync(join(tmpdir(), 'osteo-bench-calendar-'));
  try {
    const { build } = (await importFromNodeModules('vite/dist/node/index.js')) as unknown as { build: ViteBuild };
    const output = (await build({
      configFile: false,
      root: BASELINE_ROOT,
      base: '/',
      logLevel: 'warn',
      mode: 'production',
      build: { outDir, emptyOutDir: true, sourcemap: false, rolldownOptions: { input: join(BASELINE_ROOT, BASELINE_PAGE) } },
    })) as { output?: { type: string; code?: string }[] } | { output?: { type: string; code?: string }[] }[];
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => result.output ?? []).filter((item) => item.type === 'chunk');
    const scriptBytes = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk.code ?? ''), 0);
    const server = createServer((request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname));
      const file = join(outDir, path === sep || path === '/' ? BASELINE_PAGE : path);
      if (!file.startsWith(outDir + sep) || !isFile(file)) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      response.end(readFileSync(file));
    });
    await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
    const { port } = server.address() as { port: number };
    return {
      url: `http://127.0.0.1:${port}/${BASELINE_PAGE}`,
      scriptBytes,
      stop: async () => {
        await closeServer(server);
        rmSync(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolveClose) => server.close(() => resolveClose()));
}
