/**
 * docker-compose.yml, checked without a Docker engine (none runs on our build machines): against
 * the Compose Specification JSON Schema, then against what the platform's processes require. Each
 * service's environment is given to the very function its process validates its configuration
 * with, so a variable added to libs/platform or the gateway and forgotten here fails this suite.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EmailDigests, InvalidConfigurationError, loadPlatformConfig, SealedPracticeContacts } from '@osteo/platform';
import { loadGatewayConfig } from '../../services/gateway/gateway-config';
import { upstreamServices, upstreamUrlVariable } from '../../services/gateway/service-routes';
import {
  ComposeFile,
  ComposeService,
  composeSpecificationValidator,
  dependenciesOf,
  environmentOf,
  interpolate,
  InterpolationError,
  namedVolumesOf,
  publishedHostAddresses,
  readComposeFile,
  REPO_ROOT,
} from './compose-file';

/** Every process of the distributed profile, each `node dist/services/<name>/main.js`. */
const SERVICES = [...upstreamServices, 'gateway'] as const;
/** The servers the platform's services need, each of which must report itself healthy first. */
const INFRASTRUCTURE = ['kafka', 'eventstore', 'mongo'] as const;
/** What may be reached from the host, and only through its loopback. */
const PUBLISHED = ['gateway', 'kafka-ui', 'eventstore', 'mailpit'] as const;
/** Infrastructure whose data must survive `docker compose down` (not `down -v`). */
const PERSISTENT = ['kafka', 'eventstore', 'mongo'] as const;

/** Stands for the operator's secret: 48 bytes, as `openssl rand -base64 48` would give. */
const DUMMY_JWT_SECRET = 'x'.repeat(48);
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|_KEY$|CREDENTIAL/i;

const raw = readComposeFile() as ComposeFile;
/** Stands for the e-mail digest key, likewise. */
const DUMMY_EMAIL_DIGEST_KEY = 'y'.repeat(48);
const compose = interpolate(raw, { JWT_SECRET: DUMMY_JWT_SECRET, EMAIL_DIGEST_KEY: DUMMY_EMAIL_DIGEST_KEY }) as ComposeFile;

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** A configuration function's verdict: the problems it lists, none when it accepts. */
function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
    return [];
  } catch (error) {
    if (error instanceof InvalidConfigurationError) return error.problems;
    throw error;
  }
}

describe('docker-compose.yml against the Compose Specification', () => {
  const validate = composeSpecificationValidator();

  it('is a valid Compose file once JWT_SECRET is given', () => {
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is checked for real: the schema refuses a misspelt key and a malformed duration', () => {
    const misspelt = { ...compose, services: { ...compose.services, gateway: { ...service('gateway'), comand: ['node'] } } };
    expect(validate(misspelt)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/services/gateway', keyword: 'additionalProperties' }));

    const badDuration = { ...compose, services: { ...compose.services, gateway: { ...service('gateway'), healthcheck: { interval: '10 seconds' } } } };
    expect(validate(badDuration)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/services/gateway/healthcheck/interval', keyword: 'format' }));
  });

  it('has no `version` key, obsolete in the Compose Specification', () => {
    expect(raw).not.toHaveProperty('version');
  });

  it('refuses to start without JWT_SECRET, or with an empty one', () => {
    expect(() => interpolate(raw, { EMAIL_DIGEST_KEY: DUMMY_EMAIL_DIGEST_KEY })).toThrow(InterpolationError);
    expect(() => interpolate(raw, { JWT_SECRET: '', EMAIL_DIGEST_KEY: DUMMY_EMAIL_DIGEST_KEY })).toThrow(/JWT_SECRET/);
  });

  it('refuses to start without EMAIL_DIGEST_KEY, or with an empty one', () => {
    expect(() => interpolate(raw, { JWT_SECRET: DUMMY_JWT_SECRET })).toThrow(/EMAIL_DIGEST_KEY/);
    expect(() => interpolate(raw, { JWT_SECRET: DUMMY_JWT_SECRET, EMAIL_DIGEST_KEY: '' })).toThrow(/EMAIL_DIGEST_KEY/);
  });
});

describe('docker-compose.yml runs the platform', () => {
  it.each(SERVICES.map((name) => [name, `dist/services/${name}/main.js`]))('%s: node %s, from the one Dockerfile', (name, script) => {
    expect(service(name).build).toBe('.');
    expect(service(name).command).toEqual(['node', script]);
    expect(existsSync(join(REPO_ROOT, 'services', name, 'main.ts'))).toBe(true);
  });

  it.each(upstreamServices)('%s: an environment its process accepts, over EventStoreDB, Kafka and MongoDB', (name) => {
    const environment = environmentOf(service(name));
    expect(problemsOf(() => loadPlatformConfig(environment))).toEqual([]);

    const { profile, eventStore, eventBus, readStore } = loadPlatformConfig(environment);
    expect([profile, eventStore.kind, eventBus.kind, readStore.kind]).toEqual(['distributed', 'eventstoredb', 'kafka', 'mongodb']);
    // Reachable from the other containers, not only from its own loopback.
    expect(environment.HOST).toBe('0.0.0.0');
  });

  it('gives the e-mail digest key to identity, access-grant and patient-records (which opens the practice contacts access-grant seals), and to no other process', () => {
    const sealedIn = { cabinetId: 'cab-1', eventId: 'evt-1' };
    const sealed = SealedPracticeContacts.from(loadPlatformConfig(environmentOf(service('access-grant')))).seal('12 rue Dumenge, 69004 Lyon', 'address', sealedIn);
    for (const name of upstreamServices) {
      const config = loadPlatformConfig(environmentOf(service(name)));
      if (name === 'identity' || name === 'access-grant') expect(EmailDigests.from(config).of('a@example.fr')).toMatch(/^[0-9a-f]{64}$/);
      else if (name === 'patient-records') expect(SealedPracticeContacts.from(config).open(sealed, 'address', sealedIn)).toBe('12 rue Dumenge, 69004 Lyon');
      else expect(config.emailDigestKey).toBeNull();
    }
    expect(environmentOf(service('gateway'))).not.toHaveProperty('EMAIL_DIGEST_KEY');
  });

  it('identity mails through the SMTP catcher', () => {
    expect(loadPlatformConfig(environmentOf(service('identity'))).mail).toMatchObject({ kind: 'smtp', url: 'smtp://mailpit:1025' });
  });

  it.each(upstreamServices)('%s: every server its configuration names is a service it waits for until healthy', (name) => {
    const config = loadPlatformConfig(environmentOf(service(name)));
    const hosts = new Set<string>();
    if (config.eventStore.kind === 'eventstoredb') hosts.add(new URL(config.eventStore.url).hostname);
    if (config.eventBus.kind === 'kafka') config.eventBus.brokers.forEach((broker) => hosts.add(broker.split(':')[0] as string));
    if (config.readStore.kind === 'mongodb') hosts.add(new URL(config.readStore.url).hostname);
    if (config.mail.kind === 'smtp') hosts.add(new URL(config.mail.url).hostname);

    const dependencies = dependenciesOf(service(name));
    expect(Object.fromEntries([...hosts].map((host) => [host, dependencies[host]]))).toEqual(
      Object.fromEntries([...hosts].map((host) => [host, 'service_healthy'])),
    );
    for (const server of INFRASTRUCTURE) expect(dependencies[server]).toBe('service_healthy');
  });

  it('gateway: an environment its process accepts, reaching each service where that service listens', () => {
    const environment = environmentOf(service('gateway'));
    expect(problemsOf(() => loadGatewayConfig(environment))).toEqual([]);

    const { upstreams } = loadGatewayConfig(environment);
    for (const name of upstreamServices) {
      const port = environmentOf(service(name)).PORT;
      expect({ [upstreamUrlVariable(name)]: upstreams[name] }).toEqual({ [upstreamUrlVariable(name)]: [`http://${name}:${port}`] });
    }
    expect(dependenciesOf(service('gateway'))).toEqual(Object.fromEntries(upstreamServices.map((name) => [name, 'service_healthy'])));
  });

  it.each(upstreamServices)('%s: topics the one broker can hold, partitioned as the broker would, and a broker that keeps what it is not told otherwise', (name) => {
    const { eventBus } = loadPlatformConfig(environmentOf(service(name)), name);
    const broker = environmentOf(service('kafka'));
    if (eventBus.kind !== 'kafka') throw new Error(`${name} runs over Kafka`);
    expect(eventBus.topics).toMatchObject({ partitions: Number(broker.KAFKA_NUM_PARTITIONS), replicationFactor: 1, retentionCheck: 'correct' });
    expect(eventBus.clientId).toMatch(new RegExp(`^osteo-${name}-`));
    // -1: a topic made without the platform's configuration (by hand, auto-created) is not cut after 7 days.
    expect(broker.KAFKA_LOG_RETENTION_MS).toBe('-1');
  });

  it('the services trust X-Forwarded-For from the gateway alone, at its fixed address on the network', () => {
    const gatewayNetworks = service('gateway').networks;
    const addresses = Array.isArray(gatewayNetworks) ? [] : Object.values(gatewayNetworks ?? {}).map((network) => network?.ipv4_address);
    expect(addresses).toHaveLength(1);
    for (const name of upstreamServices) expect(environmentOf(service(name)).TRUSTED_PROXIES).toBe(addresses[0]);
  });
});

describe('docker-compose.yml operations and safety', () => {
  const names = Object.keys(compose.services);

  it.each(SERVICES)('%s has a health check', (name) => {
    const { healthcheck } = service(name);
    expect(healthcheck?.disable).not.toBe(true);
    expect(healthcheck?.test).toEqual(expect.arrayContaining(['CMD']));
  });

  it('waits only for services that report their health, when it waits for health', () => {
    const unhealthyTargets = names.flatMap((name) =>
      Object.entries(dependenciesOf(service(name)))
        .filter(([target, condition]) => condition === 'service_healthy' && !service(target).healthcheck?.test)
        .map(([target]) => `${name} → ${target}`),
    );
    expect(unhealthyTargets).toEqual([]);
  });

  it('restarts every long-running service unless stopped', () => {
    expect(names.filter((name) => service(name).restart !== 'unless-stopped')).toEqual([]);
  });

  it('publishes only the gateway and the operators’ UIs, on the host’s loopback only', () => {
    const published = names.filter((name) => (service(name).ports ?? []).length > 0);
    expect(published.sort()).toEqual([...PUBLISHED].sort());
    for (const name of published) {
      expect({ [name]: publishedHostAddresses(service(name)) }).toEqual({ [name]: service(name).ports?.map(() => '127.0.0.1') });
    }
  });

  it.each(PERSISTENT)('%s keeps its data in a declared named volume', (name) => {
    const volumes = namedVolumesOf(service(name));
    expect(volumes.length).toBeGreaterThan(0);
    for (const volume of volumes) expect(Object.keys(compose.volumes ?? {})).toContain(volume);
  });

  it('holds no literal secret: every secret-looking variable comes from the host, required, without a default', () => {
    const literals = Object.entries(raw.services).flatMap(([name, definition]) =>
      Object.entries(environmentOf(definition))
        .filter(([variable, value]) => SECRET_NAME.test(variable) && !/^\$\{[A-Z_][A-Z0-9_]*:\?[^}]*\}$/.test(value))
        .map(([variable]) => `${name}: ${variable}`),
    );
    expect(literals).toEqual([]);

    const urlsWithCredentials = Object.entries(raw.services).flatMap(([name, definition]) =>
      Object.entries(environmentOf(definition))
        .filter(([, value]) => /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]+@/i.test(value))
        .map(([variable]) => `${name}: ${variable}`),
    );
    expect(urlsWithCredentials).toEqual([]);
  });
});
