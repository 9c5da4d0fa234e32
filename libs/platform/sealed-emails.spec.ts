import { SealedEmails } from './sealed-emails';

const KEY = 'an e-mail digest key of at least thirty-two bytes';

describe('sealed e-mail addresses', () => {
  const seals = SealedEmails.withKey(KEY);

  it('opens what it sealed for the same delegation, and shows nothing of the address', () => {
    const sealed = seals.seal('secretariat@example.fr', 'delegation-1');
    expect(sealed).toMatch(/^\$se1\$[A-Za-z0-9_-]+$/);
    expect(sealed).not.toMatch(/secretariat|example/);
    expect(seals.unseal(sealed, 'delegation-1')).toBe('secretariat@example.fr');
  });

  it('seals one delegation always alike (the publisher translates again on each re-publication), two delegations apart', () => {
    expect(seals.seal('secretariat@example.fr', 'delegation-1')).toBe(seals.seal('secretariat@example.fr', 'delegation-1'));
    expect(seals.seal('secretariat@example.fr', 'delegation-2')).not.toBe(seals.seal('secretariat@example.fr', 'delegation-1'));
  });

  it('refuses a value moved to another delegation, sealed with another key, or not sealed', () => {
    const sealed = seals.seal('secretariat@example.fr', 'delegation-1');
    expect(() => seals.unseal(sealed, 'delegation-2')).toThrow();
    expect(() => SealedEmails.withKey('another key, also at least thirty-two bytes').unseal(sealed, 'delegation-1')).toThrow();
    expect(() => seals.unseal('secretariat@example.fr', 'delegation-1')).toThrow('Not a sealed e-mail address');
  });
});
