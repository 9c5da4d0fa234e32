import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';

/**
 * The files directly under a data directory whose names start with the prefix, each with the given
 * strings its raw bytes still hold: what an erasure test expects to be empty.
 */
export function stringsInFiles(dataDir: string, prefix: string, strings: readonly string[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const name of readdirSync(dataDir)) {
    const path = join(dataDir, name);
    if (!name.startsWith(prefix) || !statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    const held = strings.filter((text) => bytes.includes(Buffer.from(text, 'utf8')));
    if (held.length) found[name] = held;
  }
  return found;
}

/** A provider one service's module imports (its event store, say), reached inside the embedded platform. */
export function providerOf<T>(app: INestApplicationContext, serviceModule: Type<unknown>, token: abstract new (...args: never[]) => T): T {
  const module = [...app.get(ModulesContainer).values()].find((candidate) => candidate.metatype === serviceModule);
  const instance = [...(module?.imports ?? [])].map((imported) => imported.providers.get(token)?.instance).find((candidate) => candidate instanceof token);
  if (instance === undefined) throw new Error(`${serviceModule.name} imports no ${token.name}`);
  return instance as T;
}
