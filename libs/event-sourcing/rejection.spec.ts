import { Rejection } from './rejection';

describe('Rejection', () => {
  it('carries a stable dotted code and a transport-agnostic kind', () => {
    const error = new Rejection('conflict', 'BOOKING.ALREADY_BOOKED', 'Another practitioner booked this room');

    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'Rejection', code: 'BOOKING.ALREADY_BOOKED', kind: 'conflict' });
    expect(error.message).toBe('Another practitioner booked this room');
  });

  it('uses the code as message when none is given', () => {
    expect(new Rejection('not_found', 'BOOKING.NOT_BOOKED').message).toBe('BOOKING.NOT_BOOKED');
  });

  it('carries what the caller may act on besides the code, and nothing when there is none', () => {
    expect(new Rejection('rate_limited', 'AUTH.TOO_MANY_ATTEMPTS', 'Too many failed logins', { retryAfterSeconds: 60 }).details).toEqual({ retryAfterSeconds: 60 });
    expect(new Rejection('invalid', 'REQUEST.INVALID').details).toEqual({});
  });
});
