/**
 * The API speaks percent with at most two decimals (30.5); the platform keeps integer basis
 * points (3050), so no rate is ever a binary fraction. The DTO already checked the range and the
 * decimals; rounding here only removes the float noise of `x * 100`.
 */
export const basisPointsFromPercent = (percent: number): number => Math.round(percent * 100);

export const percentFromBasisPoints = (basisPoints: number): number => basisPoints / 100;
