/** Rules of the Mongo query language that both adapters apply the same way. */

import type { ReadDocument, Update } from './read-store';

/** `{ $gt: 1 }` is an operator expression, `{ city: 'Lyon' }` a plain subdocument. */
export function isOperatorExpression(value: unknown): value is Readonly<Record<string, unknown>> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).some((key) => key.startsWith('$'))
  );
}

/**
 * FerretDB v1 reads a `$pull` condition such as `{ $in: [...] }` as a literal element and silently
 * removes nothing, where MongoDB and mingo evaluate it. Rejecting it up front keeps a projection
 * from working in memory and doing nothing on the server.
 */
export function assertPortableUpdate(collection: string, update: Update): void {
  for (const [path, element] of Object.entries(update.$pull ?? {})) {
    if (isOperatorExpression(element)) {
      throw new Error(
        `$pull on ${collection}.${path} must name the element to remove, not a condition ` +
          '(FerretDB v1 does not evaluate $pull conditions)',
      );
    }
  }
}

/** `insertAbsent` tells present from absent by `_id` alone, so every document must carry one. */
export function requireIds(collection: string, documents: readonly ReadDocument[]): void {
  const missing = documents.findIndex((document) => document._id === undefined || document._id === null);
  if (missing >= 0) throw new Error(`insertAbsent into ${collection}: document ${missing} has no _id`);
}
