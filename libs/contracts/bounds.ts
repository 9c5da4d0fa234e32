/**
 * Bounds that the public contracts promise and that every service checks: written here once, so
 * that a DTO, a decider and a consumer cannot disagree with the schema a publisher is held to.
 */

/** One million euros: the largest fee or ledger amount, far above any consultation; sums of amounts stay exact integers. */
export const MAX_AMOUNT_CENTS = 100_000_000;

/** A rate in basis points runs from 0 to this: 10 000 basis points are 100 %. */
export const BASIS_POINTS_PER_UNIT = 10_000;

/** The longest label of a ledger line, and the longest patient name a line prints. */
export const MAX_LEDGER_LABEL_LENGTH = 200;
