/** The fields of `proposed` whose value differs from `current`'s: what an edit really changes. */
export function changedFields<T extends object>(current: T, proposed: Partial<T>): Partial<T> {
  const changed: Partial<T> = {};
  for (const field of Object.keys(proposed) as (keyof T)[]) {
    const value = proposed[field];
    if (value !== undefined && value !== current[field]) changed[field] = value;
  }
  return changed;
}

/**
 * The fields `changes` empty although they hold something now. Emptying a field is deleting that
 * element of the record, which PRODUCT.md reserves to the owner; rewriting it is an edit. Blank
 * text reaches the decider as null already (the records keep no blank text).
 */
export function emptiedFields<T extends object>(current: T, changes: Partial<T>): (keyof T & string)[] {
  return (Object.keys(changes) as (keyof T & string)[]).filter((field) => changes[field] === null && current[field] !== null && current[field] !== undefined);
}
