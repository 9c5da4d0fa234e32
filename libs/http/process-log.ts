import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';

/** Injection token of the process's pino logger, provided by createHttpApplication. */
export const PROCESS_LOG = Symbol('PROCESS_LOG');

export interface ProcessLogOptions {
  /** Written on every line as `service`, so lines of several processes can be told apart. */
  readonly service: string;
  /** Default: `LOG_LEVEL` from the environment, else `info`. */
  readonly level?: string;
  /** Default: stdout. Tests pass a stream they read. */
  readonly destination?: DestinationStream;
  readonly enabled?: boolean;
}

/** One JSON line per entry: `level` as a name, `time` as ISO-8601, `msg`, `service`. */
export function createProcessLog(options: ProcessLogOptions): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      enabled: options.enabled ?? true,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}

/** Routes Nest's own logging (bootstrap, routes mapped, uncaught errors) into the process log. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }
  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }
  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }
  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }
  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }
  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  /**
   * Nest passes the context (the logger's name) last, and for `error` a stack before it; a
   * message may itself be an Error.
   */
  private write(level: pino.Level, message: unknown, optionalParams: readonly unknown[]): void {
    const context = typeof optionalParams.at(-1) === 'string' ? (optionalParams.at(-1) as string) : undefined;
    const stack = level === 'error' && typeof optionalParams[0] === 'string' && optionalParams.length > 1 ? optionalParams[0] : undefined;
    if (message instanceof Error) this.pino[level]({ context, err: message }, message.message);
    else this.pino[level]({ context, stack }, typeof message === 'string' ? message : JSON.stringify(message));
  }
}
