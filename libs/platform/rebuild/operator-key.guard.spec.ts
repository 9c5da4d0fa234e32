import type { ExecutionContext } from '@nestjs/common';
import { loadPlatformConfig } from '../platform-config';
import { OperatorKeyGuard } from './operator-key.guard';

const KEY = 'an operator key of more than 32 bytes, kept secret';
const JWT_SECRET = 'a signing secret of at least thirty-two bytes';

function requestWith(headers: Record<string, string>): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => ({ headers }) }) } as unknown as ExecutionContext;
}

describe('OperatorKeyGuard', () => {
  it('lets a request with the configured key through', () => {
    expect(new OperatorKeyGuard(KEY).canActivate(requestWith({ 'x-operator-key': KEY }))).toBe(true);
  });

  it('refuses a wrong key', () => {
    expect(() => new OperatorKeyGuard(KEY).canActivate(requestWith({ 'x-operator-key': `${KEY}!` }))).toThrow(
      expect.objectContaining({ code: 'OPERATOR.INVALID_KEY', kind: 'unauthenticated' }),
    );
  });

  it('refuses a request without a key, even one with a bearer token', () => {
    expect(() => new OperatorKeyGuard(KEY).canActivate(requestWith({ authorization: 'Bearer a.user.token' }))).toThrow(
      expect.objectContaining({ code: 'OPERATOR.KEY_REQUIRED', kind: 'unauthenticated' }),
    );
  });

  it('given a process started without OPERATOR_KEY, then it refuses every request, whatever key it carries', () => {
    expect(() => new OperatorKeyGuard(null).canActivate(requestWith({ 'x-operator-key': KEY }))).toThrow(
      expect.objectContaining({ code: 'OPERATOR.NOT_CONFIGURED', kind: 'forbidden' }),
    );
  });
});

describe('OPERATOR_KEY in the configuration', () => {
  it('is absent unless given: no default key', () => {
    expect(loadPlatformConfig({ JWT_SECRET }).operatorKey).toBeNull();
  });

  it('is taken as given', () => {
    expect(loadPlatformConfig({ JWT_SECRET, OPERATOR_KEY: KEY }).operatorKey).toBe(KEY);
  });

  it('must be at least 32 bytes long', () => {
    expect(() => loadPlatformConfig({ JWT_SECRET, OPERATOR_KEY: 'short' })).toThrow(/OPERATOR_KEY must be at least 32 bytes long/);
  });
});
