/** The fields of `proposed` whose value differs from `current`'s: what an edit really changes. */
export function changedFields<T extends object>(current: T, proposed: Partial<T>): Partial<T> {
  const changed: Partial<T> = {};
  for (const field of Object.keys(proposed) as (keyof T)[]) {
    const value = proposed[field];
    if (value !== undefined && value !== current[field]) changed[field] = value;
  }
  return changed;
}
