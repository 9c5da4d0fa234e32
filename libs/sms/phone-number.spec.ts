import { phoneNumberInE164 } from './phone-number';

describe('a phone number as typed, in E.164', () => {
  it.each(['06 12 34 56 78', '06.12.34.56.78', '06-12-34-56-78', '0612345678', '+33 6 12 34 56 78', '+33 (0)6 12 34 56 78', '0033612345678', '+33612345678'])(
    'given the French mobile typed as %j, then +33612345678',
    (typed) => {
      expect(phoneNumberInE164(typed)).toBe('+33612345678');
    },
  );

  it.each([
    ['04 78 00 00 00', '+33478000000'],
    ['+44 20 7946 0958', '+442079460958'],
    ['0041 22 730 11 11', '+41227301111'],
  ])('given the landline or foreign number %j, then %s', (typed, e164) => {
    expect(phoneNumberInE164(typed)).toBe(e164);
  });

  it.each(['abc', '12', '06 12 34 56', '06 12 34 56 78 9', '00 00 00 00 00', '07 00 00 00 00', '06 12 34 56 78 (portable)', '0612345678 ext. 12', '+33', ''])(
    'given %j, which is no phone number, then null',
    (typed) => {
      expect(phoneNumberInE164(typed)).toBeNull();
    },
  );
});
