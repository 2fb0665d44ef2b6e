/**
 * Serves the calls made in one turn of the event loop with one call of `run` (the keys deduplicated). Under load a
 * turn holds many requests, so their look-ups share one query; a lone call waits only for the rest of its turn.
 */
export function tickBatcher<K, R>(run: (keys: K[]) => Promise<Map<K, R>>): (key: K) => Promise<R | undefined> {
  let pending: { key: K; resolve: (r: R | undefined) => void; reject: (err: unknown) => void }[] = [];

  async function flush(): Promise<void> {
    const batch = pending;
    pending = [];
    try {
      const results = await run([...new Set(batch.map((p) => p.key))]);
      for (const p of batch) p.resolve(results.get(p.key));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

  return (key) =>
    new Promise((resolve, reject) => {
      if (pending.length === 0) setImmediate(() => void flush());
      pending.push({ key, resolve, reject });
    });
}
