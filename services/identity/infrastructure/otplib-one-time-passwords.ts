import { generateSecret, generateURI, verify } from 'otplib';
import { OneTimePasswords } from '../application/ports';

/** The name authenticator apps show beside the account; the web application's too. */
export const TWO_FACTOR_ISSUER = 'Osteo';
const PERIOD_SECONDS = 30;

export class OtplibOneTimePasswords extends OneTimePasswords {
  newSecret(): string {
    // 20 bytes (160 bits), RFC 4226's recommended length for SHA-1.
    return generateSecret({ length: 20 });
  }

  provisioningUri(secret: string, accountLabel: string): string {
    return generateURI({ issuer: TWO_FACTOR_ISSUER, label: accountLabel, secret, period: PERIOD_SECONDS });
  }

  async matchingTimeStep(secret: string, code: string, now: Date): Promise<number | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const result = await verify({
      secret,
      token: code,
      period: PERIOD_SECONDS,
      epoch: Math.floor(now.getTime() / 1000),
      // One step either way: a phone's clock a little off, or a code typed as it changed.
      epochTolerance: PERIOD_SECONDS,
    });
    // TOTP results carry the matched step (HOTP ones, of the same union type, do not).
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }
}
