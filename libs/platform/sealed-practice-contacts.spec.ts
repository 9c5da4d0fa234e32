import { SealedEmails } from './sealed-emails';
import { SealedPracticeContacts } from './sealed-practice-contacts';

const KEY = 'an e-mail digest key of at least thirty-two bytes';
const ADDRESS = '12 rue Dumenge, 69004 Lyon';

describe("sealed practice contacts (a practice's address and phone on access.events)", () => {
  const seals = SealedPracticeContacts.withKey(KEY);
  const inEvent = (eventId: string, cabinetId = 'cab-lyon') => ({ cabinetId, eventId });

  it('opens what it sealed for the same field of the same event, shows nothing of it, and leaves null as null', () => {
    const sealed = seals.seal(ADDRESS, 'address', inEvent('evt-1'));
    expect(sealed).toMatch(/^\$se1\$[A-Za-z0-9_-]+$/);
    expect(sealed).not.toMatch(/Dumenge|Lyon|69004/);
    expect(seals.open(sealed, 'address', inEvent('evt-1'))).toBe(ADDRESS);
    expect(seals.seal(null, 'phone', inEvent('evt-1'))).toBeNull();
    expect(seals.open(null, 'phone', inEvent('evt-1'))).toBeNull();
  });

  it('seals one event alike every time (the publisher translates again on each re-publication), and apart across events, practices and fields', () => {
    const sealed = seals.seal(ADDRESS, 'address', inEvent('evt-1'));
    expect(seals.seal(ADDRESS, 'address', inEvent('evt-1'))).toBe(sealed);
    const elsewhere = [seals.seal(ADDRESS, 'address', inEvent('evt-2')), seals.seal(ADDRESS, 'address', inEvent('evt-1', 'cab-paris')), seals.seal(ADDRESS, 'phone', inEvent('evt-1'))];
    expect(new Set([sealed, ...elsewhere]).size).toBe(4);
  });

  it('never gives two texts the same IV: an address changed in a later event, or the phone of the same event, get their own', () => {
    const ivOf = (sealed: string | null) => Buffer.from(sealed!.slice('$se1$'.length), 'base64url').subarray(0, 12).toString('hex');
    const ivs = [seals.seal(ADDRESS, 'address', inEvent('evt-1')), seals.seal('3 place Sathonay, 69001 Lyon', 'address', inEvent('evt-2')), seals.seal('+33478000000', 'phone', inEvent('evt-1'))].map(ivOf);
    expect(new Set(ivs).size).toBe(3);
  });

  it('refuses a value moved to another event, practice or field, sealed with another key, sealed as an e-mail address, or not sealed', () => {
    const sealed = seals.seal(ADDRESS, 'address', inEvent('evt-1'));
    expect(() => seals.open(sealed, 'address', inEvent('evt-2'))).toThrow();
    expect(() => seals.open(sealed, 'address', inEvent('evt-1', 'cab-paris'))).toThrow();
    expect(() => seals.open(sealed, 'phone', inEvent('evt-1'))).toThrow();
    expect(() => SealedPracticeContacts.withKey('another key, also at least thirty-two bytes').open(sealed, 'address', inEvent('evt-1'))).toThrow();
    // Another purpose, another key (HKDF label): a sealed e-mail address never opens as a practice's contact.
    expect(() => seals.open(SealedEmails.withKey(KEY).seal(ADDRESS, 'cab-lyon/evt-1/address'), 'address', inEvent('evt-1'))).toThrow();
    expect(() => seals.open(ADDRESS, 'address', inEvent('evt-1'))).toThrow('Not a sealed practice contact');
  });
});
