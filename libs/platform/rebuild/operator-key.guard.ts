import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Rejection } from '@osteo/event-sourcing/rejection';

export const OPERATOR_KEY_HEADER = 'x-operator-key';

/** Injects the configured operator key (PlatformConfig.operatorKey), or null when there is none. */
export const OPERATOR_KEY = 'OPERATOR_KEY';

/**
 * The operator routes' only door: the key the process was started with (OPERATOR_KEY) in
 * `X-Operator-Key`. Users' access tokens open nothing here, and a process started without a key
 * keeps these routes shut rather than guessing one.
 */
@Injectable()
export class OperatorKeyGuard implements CanActivate {
  private readonly expectedDigest: Buffer | null;

  constructor(@Inject(OPERATOR_KEY) operatorKey: string | null) {
    this.expectedDigest = operatorKey === null ? null : digestOf(operatorKey);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.expectedDigest === null) {
      throw new Rejection('forbidden', 'OPERATOR.NOT_CONFIGURED', 'This process was started without OPERATOR_KEY: its operator routes are closed');
    }
    const given = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers[OPERATOR_KEY_HEADER];
    if (typeof given !== 'string' || given === '') {
      throw new Rejection('unauthenticated', 'OPERATOR.KEY_REQUIRED', `Operator routes need the operator key in ${OPERATOR_KEY_HEADER}`);
    }
    // Digests have one length whatever was sent, so the comparison takes the same time for any wrong key.
    if (!timingSafeEqual(digestOf(given), this.expectedDigest)) {
      throw new Rejection('unauthenticated', 'OPERATOR.INVALID_KEY', 'Wrong operator key');
    }
    return true;
  }
}

function digestOf(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}
