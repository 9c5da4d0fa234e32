import { once } from 'node:events';
import { type RequestListener, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '@osteo/auth';
import { createDistributedGateway } from '../../services/gateway/distributed-gateway';
import { loadGatewayConfig } from '../../services/gateway/gateway-config';
import { upstreamServices, upstreamUrlVariable } from '../../services/gateway/service-routes';

const SECRET = 'a-signing-secret-of-at-least-32-bytes-for-tests';

export interface StubbedGateway {
  readonly app: NestFastifyApplication;
  readonly url: string;
  /** An Authorization header the gateway accepts (it checks the signature, not the account). */
  bearer(): string;
  close(): Promise<void>;
}

/**
 * The distributed gateway on a loopback port, every service behind it being one bare HTTP server
 * that answers with `answer`: whatever the client gets beyond that, the gateway did.
 */
export async function startStubbedGateway(answer: RequestListener): Promise<StubbedGateway> {
  const upstream = createServer(answer);
  upstream.listen(0, '127.0.0.1');
  await once(upstream, 'listening');
  const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const config = loadGatewayConfig({
    JWT_SECRET: SECRET,
    OPERATOR_PORT: '0',
    ...Object.fromEntries(upstreamServices.map((service) => [upstreamUrlVariable(service), upstreamUrl])),
  });
  const gateway = await createDistributedGateway(config, { logger: false });
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  return {
    app: gateway,
    url: `http://127.0.0.1:${(gateway.getHttpServer().address() as AddressInfo).port}`,
    bearer: () =>
      `Bearer ${new JwtService({ secret: SECRET }).sign(
        { sub: 'account-1', mcp: false, knd: 'main' },
        { algorithm: 'HS256', issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE, expiresIn: 60 },
      )}`,
    close: async () => {
      await gateway.close();
      upstream.close();
    },
  };
}
