import 'reflect-metadata';
import { PROCESS_LOG, operatorListenerUrl } from '@osteo/http';
import { InvalidConfigurationError } from '@osteo/platform';
import type { Logger } from 'pino';
import { createDistributedGateway } from './distributed-gateway';
import { loadGatewayConfig } from './gateway-config';

/** The HTTP entry for end users in the distributed profile: `node dist/services/gateway/main.js`. */
async function main(): Promise<void> {
  const config = loadGatewayConfig(process.env);
  const app = await createDistributedGateway(config);
  await app.listen({ port: config.port, host: config.host });
  const upstreams = Object.entries(config.upstreams).map(([service, urls]) => `${service} ${urls.join(' ')}`);
  app.get<symbol, Logger>(PROCESS_LOG).info(
    `gateway listening on ${await app.getUrl()} (metrics on ${operatorListenerUrl(app)}/metrics), proxying /api/v1 to ${upstreams.join(', ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigurationError ? `gateway: ${error.message}` : error);
  process.exit(1);
});
