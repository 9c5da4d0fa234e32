import { BASIS_POINTS_PER_UNIT } from '@osteo/contracts';

/**
 * R = A × rate, rounded half-up to the cent, in integers only: with the rate in basis points,
 * R = floor((A × bp + 5000) / 10000). No binary fraction ever takes part, so 0.5 cent is always
 * rounded up and the owner's and the substitute's lines always add up to the fee exactly.
 * A fee is at most 10^8 cents (the records contract) and a rate at most 10^4 bp, so A × bp stays
 * far below 2^53 and every intermediate is an exact integer.
 */
export function retrocededCents(feeCents: number, basisPoints: number): number {
  if (!Number.isSafeInteger(feeCents) || feeCents < 0) throw new RangeError(`A fee is a non-negative integer of cents, not ${feeCents}`);
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > BASIS_POINTS_PER_UNIT) {
    throw new RangeError(`A retrocession rate is an integer of basis points from 0 to ${BASIS_POINTS_PER_UNIT}, not ${basisPoints}`);
  }
  const scaled = feeCents * basisPoints + BASIS_POINTS_PER_UNIT / 2;
  return (scaled - (scaled % BASIS_POINTS_PER_UNIT)) / BASIS_POINTS_PER_UNIT;
}
