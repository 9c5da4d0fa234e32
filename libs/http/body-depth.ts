/**
 * How deep a request body may nest objects and arrays. No form of the API goes beyond four
 * levels; 32 leaves room for any future one while stopping, before anything recursive sees them,
 * bodies built to exhaust the stack (2,000 nested arrays fit in 4 KB).
 */
export const MAX_BODY_DEPTH = 32;

/**
 * Whether a parsed JSON value nests objects or arrays more than `limit` levels deep (a bare `{}`
 * or `[]` is one level, a primitive none). Iterative, with an explicit stack: this is what guards
 * the recursive code after it, so it must not overflow itself.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<{ readonly value: unknown; readonly depth: number }> = [{ value, depth: 1 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) {
      if (typeof child === 'object' && child !== null) pending.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}
