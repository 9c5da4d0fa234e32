/**
 * Writes are durable when the API answers; the lists are read models that catch up within a
 * second or so. After a write, a screen polls the list until the new state shows (and says it is
 * waiting meanwhile), instead of showing a list that seems to have lost the write.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, { timeoutMs = 10_000, intervalMs = 250 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
