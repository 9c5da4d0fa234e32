import { Rejection } from '@osteo/event-sourcing/rejection';
import { phoneInE164, phoneOrNull } from './phone-number';

const refusal = (typed: string): unknown => {
  try {
    phoneInE164(typed);
    return undefined;
  } catch (error) {
    return error instanceof Rejection ? { kind: error.kind, code: error.code, namesTheField: error.message.startsWith('phone ') } : error;
  }
};

describe('a phone number as typed, in E.164', () => {
  it.each([
    ['06 12 34 56 78'],
    ['06.12.34.56.78'],
    ['06-12-34-56-78'],
    ['0612345678'],
    ['+33 6 12 34 56 78'],
    ['+33 (0)6 12 34 56 78'],
    ['0033612345678'],
    ['0033 6 12 34 56 78'],
    ['+33612345678'],
  ])('given the French mobile typed as %j, then +33612345678', (typed) => {
    expect(phoneInE164(typed)).toBe('+33612345678');
  });

  it('given a French landline, then its E.164 form', () => {
    expect(phoneInE164('04 78 00 00 00')).toBe('+33478000000');
  });

  it.each([
    ['+44 20 7946 0958', '+442079460958'],
    ['+1 212 555 0123', '+12125550123'],
    ['0041 22 730 11 11', '+41227301111'],
  ])('given the foreign number %j with its country code, then %s', (typed, e164) => {
    expect(phoneInE164(typed)).toBe(e164);
  });

  it.each([
    ['abc'],
    ['12'],
    ['06 12 34 56'],
    ['06 12 34 56 78 9'],
    ['00 00 00 00 00'],
    ['07 00 00 00 00'],
    ['06 12 34 56 78 (portable)'],
    ['0612345678 ext. 12'],
    ['+33'],
  ])('given %j, which is no phone number, then PATIENT.INVALID_PHONE naming the field', (typed) => {
    expect(refusal(typed)).toEqual({ kind: 'invalid', code: 'PATIENT.INVALID_PHONE', namesTheField: true });
  });

  it('given blank text or nothing, then no phone (null); given a number, its E.164 form', () => {
    expect([phoneOrNull(undefined), phoneOrNull(null), phoneOrNull(''), phoneOrNull('   '), phoneOrNull(' 06 12 34 56 78 ')]).toEqual([null, null, null, null, '+33612345678']);
  });
});
