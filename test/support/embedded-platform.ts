import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SqliteEventStore } from '@osteo/event-sourcing';
import { createHttpApplication } from '@osteo/http';
import { PlatformConfig, loadPlatformConfig } from '@osteo/platform';
import { EmbeddedPlatformModule } from '../../services/embedded.module';

export interface RunningPlatform {
  readonly baseUrl: string;
  readonly app: NestFastifyApplication;
  readonly config: PlatformConfig;
  stop(): Promise<void>;
}

/** Starts the platform as `npm start` does, on a random loopback port, with the given environment. */
export async function startPlatform(env: Record<string, string | undefined>): Promise<RunningPlatform> {
  const config = loadPlatformConfig(env);
  const app = await createHttpApplication(EmbeddedPlatformModule.with(config), {
    title: 'test',
    bodyLimitBytes: config.bodyLimitBytes,
    trustedProxies: config.trustedProxies,
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  return { baseUrl: `http://127.0.0.1:${address.port}`, app, config, stop: () => app.close() };
}

/** How many events a service's SQLite store holds: proof that a rejected request wrote nothing. */
export async function storedEventCount(dataDir: string, service: string): Promise<number> {
  return (await storedEventTypes(dataDir, service)).length;
}

/** The types of the events a service's SQLite store holds, in order. */
export async function storedEventTypes(dataDir: string, service: string): Promise<string[]> {
  const store = new SqliteEventStore(join(dataDir, `${service}.events.sqlite`));
  try {
    return (await store.readAll()).map((event) => event.type);
  } finally {
    await store.close();
  }
}

export function temporaryDataDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'osteo-data-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
