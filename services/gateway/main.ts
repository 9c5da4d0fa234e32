import 'reflect-metadata';
import { PROCESS_LOG } from '@osteo/http';
import { InvalidConfigurationError } from '@osteo/platform';
import type { Logger } from 'pino';
import { createDistributedGateway } from './distributed-gateway';
import { loadGatewayConfig } from './gateway-config';

/** The HTTP entry for end users in the distributed profile: `node dist/services/gateway/main.js`. */
async function main(): Promise<void> {
  const config = loadGatewayConfig(process.env);
  const app = await createDistributedGateway(config);
  await app.listen({ port: config.port, host: config.host });
  const upstreams = Object.entries(config.upstreams).map(([service, url]) => `${service} ${url}`);
  app.get<symbol, Logger>(PROCESS_LOG).info(`gateway listening on ${await app.getUrl()}, proxying /api/v1 to ${upstreams.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigurationError ? `gateway: ${error.message}` : error);
  process.exit(1);
});
