import { Environment, EnvironmentReader, InvalidConfigurationError } from '@osteo/platform';
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
  readonly upstreams: Readonly<Record<UpstreamService, string>>;
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
  const upstreams = Object.fromEntries(
    upstreamServices.map((service) => [service, read.url(upstreamUrlVariable(service), ['http', 'https'])]),
  ) as Record<UpstreamService, string>;
  if (read.problems.length) throw new InvalidConfigurationError(read.problems);
  return { port, host, bodyLimitBytes, tokenSigningSecret, trustedProxies, upstreams };
}
