import type { MessagingLogger } from '@osteo/messaging';
import type { Logger } from 'pino';

/** The bus adapters and publishers write into the process log, as JSON lines like any other. */
export function messagingLogOf(log: Logger): MessagingLogger {
  const messaging = log.child({ context: 'messaging' });
  return {
    log(level, message, context = {}) {
      const { error, ...rest } = context;
      messaging[level](error === undefined ? rest : { ...rest, err: error }, message);
    },
  };
}
