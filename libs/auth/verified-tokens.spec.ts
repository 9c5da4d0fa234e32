import { VerifiedTokens, type VerifiedAccessToken } from './verified-tokens';

const verified: VerifiedAccessToken = {
  principal: { accountId: 'acc-1', kind: 'main', mustChangePassword: false },
  session: { sessionId: 'session-1', accountId: 'acc-1', issuedAtMs: 1_000_000 },
};

/** The shape of a JWT with this payload; VerifiedTokens trusts its caller to have verified the signature. */
const tokenWith = (payload: object, signature = 'signature') =>
  ['{"alg":"HS256"}', JSON.stringify(payload)].map((part) => Buffer.from(part).toString('base64url')).join('.') + `.${signature}`;

describe('VerifiedTokens', () => {
  let nowMs = 1_000_000;
  const now = () => nowMs;

  it('gives back what a remembered token until the token expires', () => {
    const tokens = new VerifiedTokens(10, now);
    const token = tokenWith({ sub: 'acc-1', exp: nowMs / 1000 + 60 });

    tokens.remember(token, verified);

    expect(tokens.verifiedBefore(token)).toEqual(verified);
    nowMs += 59_999;
    expect(tokens.verifiedBefore(token)).toEqual(verified);
    nowMs += 1;
    expect(tokens.verifiedBefore(token)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('knows nothing of a token that differs by its signature alone', () => {
    const tokens = new VerifiedTokens(10, now);
    const payload = { sub: 'acc-1', exp: nowMs / 1000 + 60 };
    tokens.remember(tokenWith(payload, 'good'), verified);

    expect(tokens.verifiedBefore(tokenWith(payload, 'forged'))).toBeUndefined();
  });

  it('does not remember a token without an expiry, already expired, or unreadable', () => {
    const tokens = new VerifiedTokens(10, now);

    tokens.remember(tokenWith({ sub: 'acc-1' }), verified);
    tokens.remember(tokenWith({ sub: 'acc-1', exp: nowMs / 1000 - 1 }), verified);
    tokens.remember('not-a-jwt', verified);

    expect(tokens.size).toBe(0);
  });

  it('forgets the token remembered first once full', () => {
    const tokens = new VerifiedTokens(2, now);
    const [first, second, third] = [1, 2, 3].map((index) => tokenWith({ sub: `acc-${index}`, exp: nowMs / 1000 + 60 }));

    tokens.remember(first, verified);
    tokens.remember(second, verified);
    tokens.remember(third, verified);

    expect([first, second, third].map((token) => tokens.verifiedBefore(token) !== undefined)).toEqual([false, true, true]);
  });

  it('hands out a principal no request can change for the next one', () => {
    const tokens = new VerifiedTokens(10, now);
    const token = tokenWith({ sub: 'acc-1', exp: nowMs / 1000 + 60 });
    tokens.remember(token, { ...verified, principal: { ...verified.principal } });

    const handedOut = tokens.verifiedBefore(token);
    expect([handedOut, handedOut?.principal, handedOut?.session].every((part) => Object.isFrozen(part))).toBe(true);
  });
});
