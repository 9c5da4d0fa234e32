/**
 * What the platform benchmarks share: the platform started in the bench process as `npm start`
 * starts it (test/support/embedded-platform.ts does the same for the e2e suites), a small JSON
 * client over fetch, the accounts a scenario needs, and a service's own ReadStore.
 */
import 'reflect-metadata';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApplication } from '@osteo/http';
import { temporaryPasswordLabels } from '@osteo/mail';
import { loadPlatformConfig } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import mongoose from 'mongoose';
import { EmbeddedPlatformModule } from '../services/embedded.module';

export const PASSWORD = 'correct horse battery staple';

export interface BenchPlatform {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  readonly dataDir: string;
}

/**
 * Starts the platform as `npm start` does (loadPlatformConfig, EmbeddedPlatformModule, Fastify on
 * 127.0.0.1:0) in a fresh temporary DATA_DIR, runs `use`, then closes it and removes the directory.
 * `beforeListen` may add routes to the Fastify instance, which refuses them once listening.
 */
export async function withPlatform<T>(
  env: Record<string, string>,
  use: (platform: BenchPlatform) => Promise<T>,
  beforeListen?: (app: NestFastifyApplication) => void,
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'osteo-bench-platform-'));
  try {
    const config = loadPlatformConfig({ ...env, DATA_DIR: dataDir });
    const app = await createHttpApplication(EmbeddedPlatformModule.with(config), { title: 'bench', bodyLimitBytes: config.bodyLimitBytes, logger: false });
    try {
      beforeListen?.(app);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.getHttpServer().address() as { port: number };
      return await use({ app, baseUrl: `http://127.0.0.1:${port}`, dataDir });
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A service's own read store. Each service module imports a ServiceInfrastructureModule of its
 * own, each with its own ReadStore, so `app.get(ReadStore)` may well return another service's.
 */
export function readStoreOf(app: INestApplicationContext, serviceModule: Type<unknown>): ReadStore {
  return importedProviderOf(app, serviceModule, ReadStore);
}

/** A provider the service module imports (its own EventStore, ReadStore), not another service's. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function importedProviderOf<T>(app: INestApplicationContext, serviceModule: Type<unknown>, token: abstract new (...args: any[]) => T): T {
  const found = [...app.get(ModulesContainer).values()].find((module) => module.metatype === serviceModule);
  const instance = [...(found?.imports ?? [])]
    .map((imported) => imported.providers.get(token)?.instance)
    .find((candidate): candidate is T => candidate instanceof token);
  if (instance === undefined) throw new Error(`${serviceModule.name} imports no ${token.name}`);
  return instance;
}

/** A provider declared by the service module itself (a command handler), looked up there only. */
export function providerOf<T>(app: INestApplicationContext, serviceModule: Type<unknown>, provider: Type<T>): T {
  return app.select(serviceModule).get(provider, { strict: true });
}

export interface JsonAnswer {
  readonly status: number;
  // Bodies are whatever the server said; the scenario checks what it uses.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** The requests a front end sends, over fetch (keep-alive). */
export class JsonClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  withToken(token: string): JsonClient {
    return new JsonClient(this.baseUrl, token);
  }

  get(path: string): Promise<JsonAnswer> {
    return this.send('GET', path);
  }

  post(path: string, body?: unknown): Promise<JsonAnswer> {
    return this.send('POST', path, body);
  }

  /** Sends and checks the status, so a scenario fails loudly at the step that went wrong. */
  async expect(status: number, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<JsonAnswer> {
    const answer = await this.send(method, path, body);
    if (answer.status !== status) throw new Error(`${method} ${path} answered ${answer.status}, not ${status}: ${JSON.stringify(answer.body)}`);
    return answer;
  }

  private async send(method: string, path: string, body?: unknown): Promise<JsonAnswer> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
}

export interface SignedIn {
  readonly accountId: string;
  readonly client: JsonClient;
}

export async function registerMainAccount(anonymous: JsonClient, email: string, displayName: string): Promise<SignedIn> {
  const { body } = await anonymous.expect(201, 'POST', '/auth/register', { email, password: PASSWORD, displayName });
  return { accountId: body.accountId as string, client: anonymous.withToken(await logIn(anonymous, email, PASSWORD)) };
}

async function logIn(anonymous: JsonClient, email: string, password: string): Promise<string> {
  const { body } = await anonymous.expect(200, 'POST', '/auth/login', { email, password });
  return body.accessToken as string;
}

/**
 * A specific account the owner provisioned, signed in as its holder would: the temporary password
 * from the mail in DATA_DIR/outbox, a login, the forced change, a login with the new password,
 * the name it appears by (the address's local part), and a login whose token opens the rest.
 */
export async function signInProvisionedAccount(anonymous: JsonClient, dataDir: string, email: string): Promise<SignedIn> {
  const temporaryPassword = await eventually(() => temporaryPasswordMailedTo(dataDir, email), `a temporary password mailed to ${email}`);
  const temporary = anonymous.withToken(await logIn(anonymous, email, temporaryPassword));
  await temporary.expect(204, 'POST', '/auth/password', { currentPassword: temporaryPassword, newPassword: PASSWORD });
  // A password change ends every session of the account (#11), the temporary one included.
  const unnamed = anonymous.withToken(await logIn(anonymous, email, PASSWORD));
  await unnamed.expect(204, 'PUT', '/me/display-name', { displayName: email.slice(0, email.indexOf('@')) });
  // Until then every route but the first login's answered 403 ACCOUNT.DISPLAY_NAME_REQUIRED.
  const client = anonymous.withToken(await logIn(anonymous, email, PASSWORD));
  const { body } = await client.expect(200, 'GET', '/me');
  return { accountId: body.accountId as string, client };
}

function temporaryPasswordMailedTo(dataDir: string, email: string): string | undefined {
  const outbox = join(dataDir, 'outbox');
  if (!existsSync(outbox)) return undefined;
  for (const name of readdirSync(outbox).filter((file) => file.endsWith('.eml'))) {
    const lines = readFileSync(join(outbox, name), 'utf8').split(/\r?\n/);
    if (!lines.some((line) => line.toLowerCase().startsWith('to:') && line.toLowerCase().includes(email))) continue;
    const label = lines.findIndex((line) => temporaryPasswordLabels.includes(line.trim()));
    if (label >= 0 && lines[label + 1]?.trim()) return lines[label + 1]!.trim();
  }
  return undefined;
}

/** Polls until `probe` returns a value (read models are eventually consistent), or fails after 30 s. */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`Still waiting for ${what} after ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Every service of the platform keeps a database of its own, named after it. */
export async function dropDatabasesStartingWith(mongoUrl: string, prefix: string): Promise<void> {
  const client = new mongoose.mongo.MongoClient(mongoUrl);
  try {
    await client.connect();
    const { databases } = await client.db().admin().listDatabases({ nameOnly: true });
    for (const { name } of databases.filter((database) => database.name.startsWith(prefix))) await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
}
