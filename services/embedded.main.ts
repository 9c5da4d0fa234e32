import 'reflect-metadata';
import { createHttpApplication, createProcessLog, operatorListenerUrl } from '@osteo/http';
import { InvalidConfigurationError, loadPlatformConfig } from '@osteo/platform';
import { EmbeddedPlatformModule } from './embedded.module';
import { serveWebApplication } from './gateway/web-application';

/** `npm start`: the whole platform in one process, SQLite under DATA_DIR, nothing else to install. */
async function main(): Promise<void> {
  const config = loadPlatformConfig({ ...process.env, PROFILE: process.env.PROFILE ?? 'embedded' }, 'embedded');
  const log = createProcessLog({ service: 'embedded' });
  const app = await createHttpApplication(EmbeddedPlatformModule.with(config), {
    title: 'Osteo platform',
    log,
    bodyLimitBytes: config.bodyLimitBytes,
    trustedProxies: config.trustedProxies,
    operatorListener: config.operatorListener ?? undefined,
  });
  await serveWebApplication(app.getHttpAdapter().getInstance(), log);
  await app.listen({ port: config.port, host: process.env.HOST ?? '127.0.0.1' });
  const operators = config.operatorListener ? `, metrics and operator routes on ${operatorListenerUrl(app)}` : '';
  log.info(
    `Platform (embedded) listening on ${await app.getUrl()} — web application at /, API under /api/v1, docs at /api/docs, data in ${config.dataDir}${operators}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigurationError ? error.message : error);
  process.exit(1);
});
