/**
 * Where the bus adapters report what an operator must see (poison messages, failing handlers,
 * kafkajs warnings). One method so a service can bind its pino instance in one line:
 * `{ log: (level, message, context) => pino[level](context ?? {}, message) }`.
 */
export type MessagingLogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface MessagingLogger {
  log(level: MessagingLogLevel, message: string, context?: Readonly<Record<string, unknown>>): void;
}

/** JSON lines on stderr, the shape pino writes, for adapters used without a service logger. */
export const stderrJsonLogger: MessagingLogger = {
  log(level, message, context = {}) {
    const line = { level, time: new Date().toISOString(), msg: message, ...serializeErrors(context) };
    process.stderr.write(`${JSON.stringify(line)}\n`);
  },
};

/** `JSON.stringify` turns an Error into `{}`; keep what an operator needs from it. */
function serializeErrors(context: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(context).map(([key, value]) =>
      value instanceof Error ? [key, { name: value.name, message: value.message, stack: value.stack }] : [key, value],
    ),
  );
}
