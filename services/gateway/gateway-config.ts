import { Environment, EnvironmentReader, InvalidConfigurationError, OperatorListener, readOperatorListener } from '@osteo/platform';
import { UpstreamService, upstreamServices, upstreamUrlVariable } from './service-routes';

/**
 * The distributed gateway's configuration. It holds no data and joins no bus, so it needs neither
 * Kafka nor a database: the signing secret shared with the services, and where each service is.
 */
export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  readonly bodyLimitBytes: number;
  readonly tokenSigningSecret: string;
  /** Proxies in front of the gateway allowed to name the client; none when the gateway is the edge. */
  readonly trustedProxies: readonly string[];
  /**
   * Each service's base URLs: one per instance (`IDENTITY_URL=http://a:3001,http://b:3001`), taken
   * in turn, request by request. The instances share their stores, so any of them can answer.
   */
  readonly upstreams: Readonly<Record<UpstreamService, readonly string[]>>;
  /** Where its `/metrics` is served, apart from the public port (OPERATOR_PORT, OPERATOR_HOST). */
  readonly operatorListener: OperatorListener;
}

/** Reads and validates every variable at once; throws InvalidConfigurationError listing each problem. */
export function loadGatewayConfig(env: Environment): GatewayConfig {
  const read = new EnvironmentReader(env);
  const port = read.integer('PORT', 3000, 0, 65535);
  const host = read.text('HOST', '127.0.0.1');
  const bodyLimitBytes = read.integer('BODY_LIMIT_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024);
  const tokenSigningSecret = read.optional('JWT_SECRET') ?? '';
  if (!tokenSigningSecret) read.problems.push('JWT_SECRET is required (the secret every service verifies access tokens with)');
  else if (Buffer.byteLength(tokenSigningSecret) < 32) read.problems.push('JWT_SECRET must be at least 32 bytes long');
  const trustedProxies = read.addressRanges('TRUSTED_PROXIES');
  const operatorListener = readOperatorListener(read, port, true);
  const upstreams = Object.fromEntries(
    upstreamServices.map((service) => [service, urlList(read, upstreamUrlVariable(service))]),
  ) as Record<UpstreamService, readonly string[]>;
  if (read.problems.length) throw new InvalidConfigurationError(read.problems);
  return { port, host, bodyLimitBytes, tokenSigningSecret, trustedProxies, upstreams, operatorListener: operatorListener! };
}

/** One http(s) URL per instance, separated by commas. */
function urlList(read: EnvironmentReader, name: string): readonly string[] {
  const urls = read.text(name).split(',').map((url) => url.trim()).filter(Boolean);
  for (const url of urls) {
    try {
      if (!['http:', 'https:'].includes(new URL(url).protocol)) throw new Error('scheme');
    } catch {
      read.problems.push(`${name} must be a http or https URL (got "${url}")`);
    }
  }
  return urls;
}
