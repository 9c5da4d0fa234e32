import { Inject, Injectable } from '@nestjs/common';
import { AttemptCounters, AttemptLimit } from '../ports';

/** How many registrations one client address may make per window (REGISTRATIONS_PER_ADDRESS). */
export const REGISTRATION_LIMIT = Symbol('REGISTRATION_LIMIT');

export const registrationWindowSeconds = 15 * 60;

/**
 * Registrations per client address, counted before the password is hashed: a flood from one
 * address costs one argon2 hash per allowed registration, not one per request, so it neither
 * creates accounts in bulk nor takes the processor from everyone else.
 */
@Injectable()
export class RegistrationThrottle {
  private readonly limit: AttemptLimit;

  constructor(
    private readonly counters: AttemptCounters,
    @Inject(REGISTRATION_LIMIT) perAddress: number,
  ) {
    this.limit = { name: 'registration-address', limit: perAddress, windowSeconds: registrationWindowSeconds };
  }

  /** Null when the registration may go on, else the seconds to wait. */
  async reserve(clientAddress: string): Promise<number | null> {
    const reservation = await this.counters.reserve(this.limit, clientAddress);
    return reservation.granted ? null : reservation.retryAfterSeconds;
  }
}
