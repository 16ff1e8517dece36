/**
 * Per-key FIFO queues shared by the whole process: every target instance that
 * writes to the same git directory waits for the one before it, so their
 * objects and refs never interleave and no delivery in this process ever has
 * to be rebased over another one from it.
 */
const tails = new Map<string, Promise<void>>();

export async function inQueue<T>(
  key: string,
  task: () => Promise<T>,
): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const done = new Promise<void>(resolve => {
    release = resolve;
  });
  const tail = previous.then(() => done);
  tails.set(key, tail);
  // `previous` only ever resolves: a failed task still releases its turn.
  await previous;
  try {
    return await task();
  } finally {
    release();
    // The last in line cleans up, so the map does not grow with every key ever used.
    if (tails.get(key) === tail) tails.delete(key);
  }
}
